#include "document_fixtures.hpp"

#include <string>

namespace iifund::report::testing {

namespace {

ApplicationDocument common_document(int category, std::string category_name) {
  ApplicationDocument d;
  d.batch_name = "2022年第二批江门市工业互联网专项资金";
  d.application_number = kApplicationNumber;
  d.category_number = category;
  d.category_name = std::move(category_name);
  d.state_name = "草稿";
  d.generated_at = "2026-11-27 21:00";
  d.enterprise = {kEnterpriseName, kCreditCode,   "蓬江区",  "广东省江门市蓬江区示例路1号",
                  "王芳",          "13800138000", "中小企业"};
  d.project = {
      "示例工厂设备联网与数据平台建设项目",
      std::string("本项目建设覆盖全厂的设备联网与数据平台。") +
          "项目将分三期实施，第一期完成关键设备的数据采集与可视化，第二期建设生产计划与质量追溯系统，"
          "第三期基于积累的数据开展工艺参数优化和预测性维护，"
          "最终形成可复制推广的中小企业数字化转型样板。",
      "2022-01-01", "2023-06-30"};
  d.declarations = {{"在江门市内注册登记，具有独立法人资格", true, "营业执照.pdf"},
                    {"诚信经营、依法纳税", true, ""},
                    {"未被列入“信用中国”失信惩戒名单", false, ""}};
  d.materials = {{"营业执照", {{"营业执照.pdf", 482133}}}, {"申报书（盖章扫描件）", {}}};
  return d;
}

InvestmentLineRow line(int i) {
  InvestmentLineRow l;
  l.type_name = i % 3 == 0 ? "云服务" : "工业互联网";
  l.description = "设备数据采集与平台实施服务第" + std::to_string(i + 1) + "期";
  l.supplier = "广东示例工业互联网科技有限公司";
  l.huawei_cloud = i % 3 == 0;
  l.invoice_kind = "增值税专用发票";
  l.invoice_code = "4400221130";
  l.invoice_number = std::to_string(12340000 + i);
  l.invoice_date = "2022-05-01";
  l.amount_without_tax_fen = 100'000'000;  // 1,000,000.00 yuan
  l.tax_fen = 13'000'000;
  l.amount_with_tax_fen = 113'000'000;
  l.counted = i != 1;
  if (!l.counted) l.exclusion_reason = "税号不符";
  return l;
}

void add_lines(ApplicationDocument& d, int count) {
  for (int i = 0; i < count; ++i) {
    d.investment_lines.push_back(line(i));
    d.investment_totals.amount_without_tax_fen += d.investment_lines.back().amount_without_tax_fen;
    d.investment_totals.tax_fen += d.investment_lines.back().tax_fen;
    d.investment_totals.amount_with_tax_fen += d.investment_lines.back().amount_with_tax_fen;
  }
}

}  // namespace

ApplicationDocument benchmark_document(int lines) {
  ApplicationDocument d = common_document(1, "工业互联网标杆示范项目");
  d.direction_name = "方向一：工业企业工业互联网应用标杆";
  d.targets = {{"生产效率", "100", "130", "件/小时"}, {"产品不良率", "2.5", "1.5", "%"}};
  add_lines(d, lines);
  d.subsidy = {300'000'000, 100'000'000, 100'000'000,
               "按合规投入的50%测算超过单个项目上限，按项目上限核定。"};
  return d;
}

ApplicationDocument cluster_document() {
  ApplicationDocument d = common_document(3, "产业集群试点项目");
  d.has_cluster = true;
  d.cluster = {"电子信息产业集群",
               "江门市电子信息行业协会",
               "51440700MJL190471U",
               {{"江门市甲电子有限公司", "91440703MA4WDE010D", "蓬江区", 80'000'000, 50'000'000},
                {"台山市乙电器有限公司", "91440781MA51234567", "台山市", 120'000'000, 50'000'000}}};
  add_lines(d, 3);
  d.subsidy = {200'000'000, 100'000'000, 100'000'000, "每家成员按合规投入的80%测算，且不超过50万元。"};
  return d;
}

ApplicationDocument training_document() {
  ApplicationDocument d = common_document(4, "工业互联网人才培养项目");
  d.has_training = true;
  d.training.min_events = 10;
  d.training.min_trainees = 500;
  for (int i = 0; i < 10; ++i)
    d.training.events.push_back({"2022-12-" + std::to_string(10 + i),
                                 "工业互联网平台应用实务（第" + std::to_string(i + 1) + "讲）",
                                 "江门市职业技术学院", "制造企业技术骨干", 52});
  add_lines(d, 2);
  d.subsidy = {226'000'000, 90'000'000, 90'000'000, "达到培训场次与人数要求，按申请金额核定。"};
  return d;
}

ApplicationDocument finalized(ApplicationDocument document) {
  document.finalized = true;
  document.finalized_hash = kHash;
  document.state_name = "已定稿";
  return document;
}

}  // namespace iifund::report::testing
