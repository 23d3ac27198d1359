// The route table is the table of contents of the API: read it top to bottom. A route missing
// here does not exist; a route whose access rule is missing or invalid is refused for everybody
// and fails the route-table test. Scope (own enterprise, own county) is checked in the services.
#include "http/routes.hpp"

#include "http/handlers.hpp"

namespace iifund::http {

namespace {

using enum Method;
using enum Access;

// clang-format off
const Route kRoutes[] = {
    // method  path                                   who may call                                handler
    {get,      "/api/health",                         anyone,                                     get_health},
    {get,      "/api/batches",                        anyone,                                     get_batches},
    // 登录与会话
    {post,     "/api/session",                        anyone,                                     post_session},
    {get,      "/api/session",                        signed_in,                                  get_session},
    {del,      "/api/session",                        signed_in,                                  delete_session},
    {get,      "/api/sessions",                       signed_in,                                  get_sessions},
    {del,      "/api/sessions/:id",                   signed_in,                                  delete_session_by_id},
    {post,     "/api/password",                       signed_in,                                  post_password},
    // 企业注册与核实
    {post,     "/api/enterprises",                    anyone,                                     post_enterprises},
    {get,      "/api/enterprises/:id",                enterprise | county | organizer | bureau,   get_enterprise},
    {get,      "/api/county/enterprises",             county,                                     get_county_enterprises},
    {post,     "/api/enterprises/:id/verify",         county,                                     post_enterprise_verify},
    {post,     "/api/enterprises/:id/admin",          county,                                     post_enterprise_admin},
    // 账号管理
    {get,      "/api/users",                          enterprise | admin,                         get_users},
    {post,     "/api/users",                          enterprise | admin,                         post_users},
    {post,     "/api/users/:id/disable",              enterprise | admin,                         post_user_disable},
    {post,     "/api/users/:id/enable",               enterprise | admin,                         post_user_enable},
    {post,     "/api/users/:id/reset-password",       county | admin,                             post_user_reset_password},
    // 企业档案
    {put,      "/api/enterprises/:id/profile",        enterprise,                                 put_enterprise_profile},
    // 项目申报
    {get,      "/api/applications",                   enterprise | county | organizer | bureau,   get_applications},
    {post,     "/api/applications",                   enterprise,                                 post_applications},
    {get,      "/api/applications/:id",               enterprise | county | organizer | bureau,   get_application},
    {put,      "/api/applications/:id",               enterprise,                                 put_application},
    {post,     "/api/applications/:id/finalize",      enterprise,                                 post_application_finalize},
    {post,     "/api/applications/:id/submit",        enterprise,                                 post_application_submit},
    {post,     "/api/applications/:id/withdraw",      enterprise,                                 post_application_withdraw},
    {get,      "/api/applications/:id/snapshot",      enterprise | county | organizer | expert | bureau, get_application_snapshot},
    {get,      "/api/applications/:id/history",       enterprise | county | organizer | bureau,   get_application_history},
    {get,      "/api/applications/:id/document.pdf",  enterprise | county | organizer | bureau,   get_application_document},
    // 申报材料（分片上传）
    {post,     "/api/applications/:id/uploads",       enterprise,                                 post_application_uploads},
    {get,      "/api/uploads/:id",                    enterprise | county | organizer | bureau,   get_upload},
    {put,      "/api/uploads/:id/chunks/:index",      enterprise,                                 put_upload_chunk},
    {post,     "/api/uploads/:id/complete",           enterprise,                                 post_upload_complete},
    {get,      "/api/uploads/:id/content",            enterprise | county | organizer | bureau,   get_upload_content},
    {del,      "/api/uploads/:id",                    enterprise,                                 delete_upload},
    // 县区推荐 (county review: county_handlers.cpp)
    {post,     "/api/applications/:id/recommend",     county,                                     post_application_recommend},
    {post,     "/api/applications/:id/return",        county,                                     post_application_return},
    {post,     "/api/applications/:id/decline",       county,                                     post_application_decline},
    {post,     "/api/county/recommendations",         county,                                     post_county_recommendations},
    {put,      "/api/county/letters/:batch_id",       county,                                     put_county_letter},
    {get,      "/api/county/letters",                 county | organizer | bureau,                get_county_letters},
    {get,      "/api/county/letters/:batch_id/content", county | organizer | bureau,              get_county_letter_content},
    {get,      "/api/county/summary",                 county | organizer | bureau,                get_county_summary},
    // 形式审查 (formal check: formal_check_handlers.cpp)
    {get,      "/api/applications/:id/formal-check",  organizer,                                  get_formal_check},
    {post,     "/api/applications/:id/formal-check",  organizer,                                  post_formal_check},
    {post,     "/api/batches/:id/formal-recheck/sample", organizer,                               post_formal_recheck_sample},
    {post,     "/api/applications/:id/formal-recheck", organizer,                                 post_formal_recheck},
    {get,      "/api/batches/:id/formal-recheck",     organizer | bureau,                         get_formal_recheck},
    // 专家库与分配 (expert pool and assignment: expert_handlers.cpp, assignment_handlers.cpp)
    {get,      "/api/experts",                        organizer | admin,                          get_experts},
    {post,     "/api/experts",                        organizer | admin,                          post_experts},
    {post,     "/api/experts/import",                 organizer | admin,                          post_experts_import},
    {get,      "/api/experts/me",                     expert,                                     get_expert_me},
    {post,     "/api/experts/me/conflicts",           expert,                                     post_expert_me_conflicts},
    {put,      "/api/experts/:id",                    organizer | admin,                          put_expert},
    {post,     "/api/batches/:id/assignment-runs",    organizer,                                  post_batch_assignment_runs},
    {get,      "/api/assignment-runs/:id",            organizer,                                  get_assignment_run},
    {put,      "/api/assignment-runs/:id/slots",      organizer,                                  put_assignment_run_slots},
    {post,     "/api/assignment-runs/:id/confirm",    organizer,                                  post_assignment_run_confirm},
    {post,     "/api/applications/:id/reviewers",     organizer,                                  post_application_reviewers},
    {post,     "/api/reviews/:id/conflict",           expert,                                     post_review_conflict},
    // 专家评审与入库 (expert workspace, scores, library: review_handlers.cpp)
    {get,      "/api/pledges/:batch_id",              expert,                                     get_pledge},
    {post,     "/api/pledges/:batch_id",              expert,                                     post_pledge},
    {get,      "/api/reviews",                        organizer | expert,                         get_reviews},
    {get,      "/api/reviews/:id",                    organizer | expert,                         get_review},
    {put,      "/api/reviews/:id/scores",             organizer | expert,                         put_review_scores},
    {post,     "/api/reviews/:id/submit",             organizer | expert,                         post_review_submit},
    {post,     "/api/reviews/:id/reopen",             organizer,                                  post_review_reopen},
    {get,      "/api/experts/me/score-sheet.pdf",     expert,                                     get_own_score_sheet},
    {get,      "/api/experts/:id/score-sheet.pdf",    organizer,                                  get_expert_score_sheet},
    {get,      "/api/applications/:id/materials.zip", county | organizer | expert | bureau,       get_application_materials},
    {get,      "/api/batches/:id/review-results",     organizer | bureau,                         get_review_results},
    {post,     "/api/batches/:id/library",            organizer,                                  post_library},
    {get,      "/api/batches/:id/library",            organizer | bureau,                         get_library},
    // 时间安排与站内信 (schedule and inbox: schedule_handlers.cpp, notification_handlers.cpp)
    {get,      "/api/batches/:id/schedule",           signed_in,                                  get_batch_schedule},
    {put,      "/api/batches/:id/schedule/:stage",    organizer,                                  put_batch_schedule_stage},
    {get,      "/api/notifications",                  signed_in,                                  get_notifications},
    {get,      "/api/notifications/unread-count",     signed_in,                                  get_notifications_unread_count},
    {post,     "/api/notifications/:id/read",         signed_in,                                  post_notification_read},
    {post,     "/api/notifications/read-all",         signed_in,                                  post_notifications_read_all},
    // 预算与排序优选 (budget and selection: selection_handlers.cpp)
    {get,      "/api/batches/:id/budget",             organizer | bureau,                         get_batch_budget},
    {put,      "/api/batches/:id/budget",             organizer,                                  put_batch_budget},
    {post,     "/api/batches/:id/selection-runs",     organizer,                                  post_batch_selection_runs},
    {get,      "/api/batches/:id/selection",          organizer | bureau,                         get_batch_selection},
    {get,      "/api/selection-runs/:id",             organizer | bureau,                         get_selection_run},
    {put,      "/api/selection-runs/:id/adjustments/:application_id", organizer,                  put_selection_adjustment},
    {post,     "/api/selection-runs/:id/confirm",     organizer,                                  post_selection_run_confirm},
    // 公示与异议 (publicity and objections: publicity_handlers.cpp)
    {post,     "/api/batches/:id/publicity",          organizer,                                  post_batch_publicity},
    {get,      "/api/public/publicity",               anyone,                                     get_public_publicities},
    {get,      "/api/public/publicity/:id",           anyone,                                     get_public_publicity},
    {post,     "/api/public/publicity/:id/objections", anyone,                                    post_public_publicity_objections},
    {get,      "/api/batches/:id/objections",         organizer | bureau,                         get_batch_objections},
    {get,      "/api/objections/:id/letter",          organizer | bureau,                         get_objection_letter},
    {post,     "/api/objections/:id/decision",        organizer,                                  post_objection_decision},
    // 下达与拨付 (approval and disbursement: funding_handlers.cpp)
    {post,     "/api/batches/:id/approval",           bureau,                                     post_batch_approval},
    {get,      "/api/batches/:id/funded",             organizer | bureau,                         get_batch_funded},
    {post,     "/api/applications/:id/disbursements", organizer,                                  post_application_disbursements},
    {get,      "/api/applications/:id/disbursements", enterprise | county | organizer | bureau,   get_application_disbursements},
    // 验收与培训签到 (acceptance and training check-in: acceptance_handlers.cpp)
    {get,      "/api/applications/:id/acceptance",    enterprise | county | organizer | bureau,   get_application_acceptance},
    {put,      "/api/applications/:id/acceptance",    enterprise,                                 put_application_acceptance},
    {post,     "/api/applications/:id/acceptance/submit", enterprise,                             post_application_acceptance_submit},
    {post,     "/api/applications/:id/acceptance/conclusion", organizer,                          post_application_acceptance_conclusion},
    {post,     "/api/applications/:id/training-events", enterprise,                               post_application_training_events},
    {get,      "/api/applications/:id/training-events", enterprise | organizer | bureau,          get_application_training_events},
    {put,      "/api/training-events/:id/checkin",    enterprise,                                 put_training_event_checkin},
    {get,      "/api/training-events/:id/checkins",   enterprise | organizer | bureau,            get_training_event_checkins},
    {get,      "/api/training-events/:id/qr.png",     enterprise | organizer,                     get_training_event_qr},
    {get,      "/api/public/checkin/:token",          anyone,                                     get_public_checkin},
    {post,     "/api/public/checkin/:token",          anyone,                                     post_public_checkin},
    // 门户 (public portal: portal_handlers.cpp)
    {get,      "/api/public/pages",                   anyone,                                     get_public_pages},
    {get,      "/api/public/pages/:slug",             anyone,                                     get_public_page},
    {get,      "/api/public/pages/:slug/file",        anyone,                                     get_public_page_file},
    {get,      "/api/portal/pages",                   organizer,                                  get_portal_pages},
    {post,     "/api/portal/pages",                   organizer,                                  post_portal_pages},
    {put,      "/api/portal/pages/:id",               organizer,                                  put_portal_page},
    {put,      "/api/portal/pages/:id/file",          organizer,                                  put_portal_page_file},
    {del,      "/api/portal/pages/:id",               organizer,                                  delete_portal_page},
    // 统计与导出 (reports and exports: report_handlers.cpp)
    {get,      "/api/reports/overview",               county | organizer | bureau,                get_report_overview},
    {get,      "/api/reports/overview.csv",           county | organizer | bureau,                get_report_overview_csv},
    {get,      "/api/exports/:file",                  county | organizer | bureau,                get_export},
    // 审计
    {get,      "/api/audit",                          bureau | admin,                             get_audit},
};
// clang-format on

}  // namespace

std::span<const Route> route_table() { return kRoutes; }

}  // namespace iifund::http
