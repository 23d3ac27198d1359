#include "report/document_labels.hpp"

#include <array>
#include <string>

namespace iifund::report {

namespace {

// clang-format off
constexpr DocumentLabels kChinese{
  "项目申报书", "、",
  "申报编号", "定稿哈希", "未定稿", "申报类别", "申报方向", "申报状态", "生成时间",
  "企业基本情况", "项目基本情况", "绩效目标", "集群情况", "人才培养活动计划", "投资明细",
  "补助测算", "申报承诺", "申报材料清单", "申报单位承诺及盖章",
  "企业名称", "统一社会信用代码", "所属县（市、区）", "注册地址", "联系人", "联系电话", "企业规模",
  "项目名称", "建设周期", "至", "建设内容与目标",
  "序号", "绩效指标", "基期值", "目标值", "单位",
  "集群名称", "牵头单位", "牵头单位统一社会信用代码", "成员单位", "合规投入（元）", "测算补助（元）",
  "日期", "培训主题", "培训地点", "培训对象", "计划人数",
  "投资类型", "建设内容 / 供应商", "供应商", "华为云", "发票", "不含税金额（元）", "税额（元）",
  "价税合计（元）", "是否计入", "计入", "不计入", "合计",
  "申请补助金额", "测算补助上限", "测算说明", "元",
  "承诺事项", "是否承诺", "已承诺", "未承诺", "佐证材料",
  "材料名称", "文件", "大小", "（未上传）",
  "（无）",
  "合计 {events} 场，计划培训 {trainees} 人（要求不少于 {min_events} 场、{min_trainees} 人）：",
  "达到要求", "未达到要求",
  "本单位承诺：本申报书所填内容及所附材料真实、准确、完整，如有虚假，愿承担相应法律责任。",
  "盖章处", "申报单位（盖章）：", "法定代表人签字：", "日期：        年      月      日",
  // Ideographic spaces: a narrow space between a digit and a CJK character is lost when the text
  // is extracted (pdftotext -layout reads "第1页"), which breaks searching the printed copy.
  "第\u3000{page}\u3000页\u3000共\u3000{pages}\u3000页", "草稿 未定稿",
};

constexpr DocumentLabels kEnglish{
  " — Project Application", ". ",
  "Application No.", "Finalized hash", "not finalized", "Category", "Direction", "State", "Generated at",
  "Enterprise", "Project", "Performance targets", "Cluster", "Training events", "Investment lines",
  "Subsidy computation", "Declarations", "Materials", "Pledge and seal",
  "Enterprise name", "Unified social credit code", "County", "Registered address", "Contact", "Phone",
  "Size class",
  "Project name", "Period", "to", "Content and goals",
  "No.", "Indicator", "Baseline", "Target", "Unit",
  "Cluster", "Lead organization", "Lead's credit code", "Member", "Eligible investment (yuan)",
  "Computed subsidy (yuan)",
  "Date", "Topic", "Venue", "Audience", "Planned trainees",
  "Type", "Content / supplier", "Supplier", "Huawei Cloud", "Invoice", "Without tax (yuan)", "Tax (yuan)",
  "With tax (yuan)", "Counted", "yes", "no", "Total",
  "Requested", "Maximum subsidy", "Explanation", "yuan",
  "Declaration", "Declared", "declared", "not declared", "Evidence",
  "Material", "Files", "Size", "(not uploaded)",
  "(none)",
  "{events} events, {trainees} planned trainees (at least {min_events} events and {min_trainees} "
  "trainees required): ",
  "met", "not met",
  "We declare that this application and its materials are true, accurate and complete, and accept "
  "legal responsibility for any falsehood.",
  "Seal area 盖章处", "Applicant (seal):", "Legal representative's signature:", "Date:",
  "Page {page} of {pages}", "DRAFT — NOT FINALIZED 草稿 未定稿",
};
// clang-format on

}  // namespace

const DocumentLabels& labels_for(Language language) { return language == Language::en ? kEnglish : kChinese; }

std::string section_number(Language language, int number) {
  if (language == Language::en) return std::to_string(number);
  static constexpr std::array<std::string_view, 10> kDigits{"",   "一", "二", "三", "四",
                                                            "五", "六", "七", "八", "九"};
  if (number < 10) return std::string(kDigits[static_cast<std::size_t>(number)]);
  const int tens = number / 10;
  const int ones = number % 10;
  return std::string(tens > 1 ? kDigits[static_cast<std::size_t>(tens)] : "") + "十" +
         std::string(kDigits[static_cast<std::size_t>(ones)]);
}

}  // namespace iifund::report
