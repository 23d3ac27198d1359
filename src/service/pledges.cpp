#include "service/pledges.hpp"

#include <fmt/format.h>

#include "service/audit.hpp"
#include "service/tokens.hpp"
#include "store/audit_log.hpp"
#include "store/batch_store.hpp"
#include "store/review_store.hpp"
#include "store/timestamps.hpp"

namespace iifund::service {

namespace {

std::string pledge_text_zh(const store::BatchRecord& batch) {
  return fmt::format(
      "评审专家承诺书（{}）\n"
      "本人受邀担任上述批次项目的评审专家，郑重承诺：\n"
      "一、保密：对评审中接触的申报材料、企业信息、评审意见和评分结果严格保密，不复制、不外传、"
      "不用于评审以外的任何目的，评审结束后不保留任何申报材料。\n"
      "二、公正：依据评审标准独立、客观、公正地评分，不受任何单位或个人影响，不与申报单位私下接触，"
      "不收受任何财物或好处。\n"
      "三、回避：与申报单位存在任职、投资、亲属或其他可能影响公正评审的利害关系时，已如实申报并主动回避；"
      "评审中发现此类关系的，立即声明回避。\n"
      "本人知悉违反上述承诺将被取消评审资格，并依法依规承担相应责任。",
      batch.name_zh);
}

std::string pledge_text_en(const store::BatchRecord& batch) {
  return fmt::format(
      "Reviewer's pledge ({})\n"
      "Invited to review the applications of this batch, I pledge:\n"
      "1. Confidentiality: I keep the application materials, enterprise information, opinions and scores I "
      "see in this review confidential; I do not copy or pass them on, use them for any other purpose, or "
      "keep "
      "any material after the review.\n"
      "2. Impartiality: I score independently, objectively and fairly by the criteria, uninfluenced by any "
      "organization or person; I have no private contact with applicants and accept no money or favour.\n"
      "3. Conflicts of interest: I have declared every employment, investment, family or other tie to an "
      "applicant that could affect a fair review and withdraw from those applications; I declare at once any "
      "such tie I discover during the review.\n"
      "I understand that breaking this pledge ends my role as a reviewer and carries the consequences the "
      "rules and the law provide.",
      batch.name_en);
}

struct PledgeSubject {
  store::ReviewerRecord expert;
  PledgeView view;
};

domain::Result<PledgeSubject> load_subject(soci::session& sql, const Caller& caller, long long batch_id) {
  if (!caller.is("expert")) return domain::make_problem("forbidden", 403);
  auto expert = store::find_reviewer_of_user(sql, caller.user_id);
  auto batch = store::find_batch(sql, batch_id);
  if (!expert || !batch) return domain::make_problem("not_found", 404);
  PledgeSubject subject{std::move(*expert), {}};
  subject.view.batch_id = batch_id;
  subject.view.text_zh = pledge_text_zh(*batch);
  subject.view.text_en = pledge_text_en(*batch);
  subject.view.pledge_hash = sha256_hex(subject.view.text_zh + "\n" + subject.view.text_en);
  subject.view.accepted_at = store::pledge_accepted_at(sql, subject.expert.id, batch_id);
  return subject;
}

}  // namespace

bool pledge_accepted(soci::session& sql, long long expert_id, long long batch_id) {
  return store::pledge_accepted_at(sql, expert_id, batch_id).has_value();
}

domain::Result<PledgeView> view_pledge(store::Database& db, const Caller& caller, long long batch_id) {
  std::optional<PledgeView> answer;
  domain::Status read = db.read([&](soci::session& sql) -> domain::Status {
    auto subject = load_subject(sql, caller, batch_id);
    if (!subject) return subject.take_problem();
    answer = std::move(subject->view);
    return domain::Ok{};
  });
  if (!read) return read.take_problem();
  return std::move(*answer);
}

domain::Result<PledgeView> accept_pledge(store::Database& db, const Clock& clock, const Caller& caller,
                                         long long batch_id, const std::string& pledge_hash) {
  const auto now = clock.now();
  std::optional<PledgeView> answer;
  domain::Status written = db.write([&](soci::session& sql) -> domain::Status {
    auto subject = load_subject(sql, caller, batch_id);
    if (!subject) return subject.take_problem();
    auto& view = subject->view;
    if (pledge_hash != view.pledge_hash) {
      return domain::make_problem("pledge_changed", 409, {{"pledge_hash", view.pledge_hash}});
    }
    if (!view.accepted_at) {
      view.accepted_at = store::format_utc_iso(now);
      store::insert_pledge(sql, subject->expert.id, batch_id, view.pledge_hash, *view.accepted_at);
      store::append_audit(
          sql, audit_entry(caller, "review.pledge", "batch:" + std::to_string(batch_id),
                           {{"expert_id", subject->expert.id}, {"pledge_hash", view.pledge_hash}}, now));
    }
    answer = std::move(view);
    return domain::Ok{};
  });
  if (!written) return written.take_problem();
  return std::move(*answer);
}

}  // namespace iifund::service
