#pragma once
// Handlers: parse the request into a plain struct, call one service function, serialize the
// answer. Scope checks live in the services, next to the load.
#include "http/http_types.hpp"
#include "http/server_context.hpp"

namespace iifund::http {

// system_handlers.cpp
HttpResponse get_health(ServerContext& context, HttpRequest& request);
HttpResponse get_batches(ServerContext& context, HttpRequest& request);

// session_handlers.cpp
HttpResponse post_session(ServerContext& context, HttpRequest& request);
HttpResponse get_session(ServerContext& context, HttpRequest& request);
HttpResponse delete_session(ServerContext& context, HttpRequest& request);
HttpResponse get_sessions(ServerContext& context, HttpRequest& request);
HttpResponse delete_session_by_id(ServerContext& context, HttpRequest& request);
HttpResponse post_password(ServerContext& context, HttpRequest& request);

// account_handlers.cpp
HttpResponse post_enterprises(ServerContext& context, HttpRequest& request);
HttpResponse get_enterprise(ServerContext& context, HttpRequest& request);
HttpResponse get_county_enterprises(ServerContext& context, HttpRequest& request);
HttpResponse post_enterprise_verify(ServerContext& context, HttpRequest& request);
HttpResponse post_enterprise_admin(ServerContext& context, HttpRequest& request);
HttpResponse post_user_reset_password(ServerContext& context, HttpRequest& request);
HttpResponse get_users(ServerContext& context, HttpRequest& request);
HttpResponse post_users(ServerContext& context, HttpRequest& request);
HttpResponse post_user_disable(ServerContext& context, HttpRequest& request);
HttpResponse post_user_enable(ServerContext& context, HttpRequest& request);

// profile_handlers.cpp
HttpResponse put_enterprise_profile(ServerContext& context, HttpRequest& request);

// application_handlers.cpp
HttpResponse get_applications(ServerContext& context, HttpRequest& request);
HttpResponse post_applications(ServerContext& context, HttpRequest& request);
HttpResponse get_application(ServerContext& context, HttpRequest& request);
HttpResponse put_application(ServerContext& context, HttpRequest& request);
HttpResponse post_application_finalize(ServerContext& context, HttpRequest& request);
HttpResponse post_application_submit(ServerContext& context, HttpRequest& request);
HttpResponse post_application_withdraw(ServerContext& context, HttpRequest& request);
HttpResponse get_application_snapshot(ServerContext& context, HttpRequest& request);
HttpResponse get_application_history(ServerContext& context, HttpRequest& request);

// document_handlers.cpp
HttpResponse get_application_document(ServerContext& context, HttpRequest& request);

// upload_handlers.cpp
HttpResponse post_application_uploads(ServerContext& context, HttpRequest& request);
HttpResponse get_upload(ServerContext& context, HttpRequest& request);
HttpResponse put_upload_chunk(ServerContext& context, HttpRequest& request);
HttpResponse post_upload_complete(ServerContext& context, HttpRequest& request);
HttpResponse get_upload_content(ServerContext& context, HttpRequest& request);
HttpResponse delete_upload(ServerContext& context, HttpRequest& request);

// county_handlers.cpp
HttpResponse post_application_recommend(ServerContext& context, HttpRequest& request);
HttpResponse post_application_return(ServerContext& context, HttpRequest& request);
HttpResponse post_application_decline(ServerContext& context, HttpRequest& request);
HttpResponse post_county_recommendations(ServerContext& context, HttpRequest& request);
HttpResponse put_county_letter(ServerContext& context, HttpRequest& request);
HttpResponse get_county_letters(ServerContext& context, HttpRequest& request);
HttpResponse get_county_letter_content(ServerContext& context, HttpRequest& request);
HttpResponse get_county_summary(ServerContext& context, HttpRequest& request);

// formal_check_handlers.cpp
HttpResponse get_formal_check(ServerContext& context, HttpRequest& request);
HttpResponse post_formal_check(ServerContext& context, HttpRequest& request);
HttpResponse post_formal_recheck_sample(ServerContext& context, HttpRequest& request);
HttpResponse post_formal_recheck(ServerContext& context, HttpRequest& request);
HttpResponse get_formal_recheck(ServerContext& context, HttpRequest& request);

// expert_handlers.cpp
HttpResponse get_experts(ServerContext& context, HttpRequest& request);
HttpResponse post_experts(ServerContext& context, HttpRequest& request);
HttpResponse put_expert(ServerContext& context, HttpRequest& request);
HttpResponse post_experts_import(ServerContext& context, HttpRequest& request);
HttpResponse get_expert_me(ServerContext& context, HttpRequest& request);
HttpResponse post_expert_me_conflicts(ServerContext& context, HttpRequest& request);

// assignment_handlers.cpp
HttpResponse post_batch_assignment_runs(ServerContext& context, HttpRequest& request);
HttpResponse get_assignment_run(ServerContext& context, HttpRequest& request);
HttpResponse put_assignment_run_slots(ServerContext& context, HttpRequest& request);
HttpResponse post_assignment_run_confirm(ServerContext& context, HttpRequest& request);
HttpResponse post_application_reviewers(ServerContext& context, HttpRequest& request);
HttpResponse post_review_conflict(ServerContext& context, HttpRequest& request);

// review_handlers.cpp
HttpResponse get_pledge(ServerContext& context, HttpRequest& request);
HttpResponse post_pledge(ServerContext& context, HttpRequest& request);
HttpResponse get_reviews(ServerContext& context, HttpRequest& request);
HttpResponse get_review(ServerContext& context, HttpRequest& request);
HttpResponse put_review_scores(ServerContext& context, HttpRequest& request);
HttpResponse post_review_submit(ServerContext& context, HttpRequest& request);
HttpResponse post_review_reopen(ServerContext& context, HttpRequest& request);
HttpResponse get_own_score_sheet(ServerContext& context, HttpRequest& request);
HttpResponse get_expert_score_sheet(ServerContext& context, HttpRequest& request);
HttpResponse get_application_materials(ServerContext& context, HttpRequest& request);
HttpResponse get_review_results(ServerContext& context, HttpRequest& request);
HttpResponse post_library(ServerContext& context, HttpRequest& request);
HttpResponse get_library(ServerContext& context, HttpRequest& request);

// schedule_handlers.cpp
HttpResponse get_batch_schedule(ServerContext& context, HttpRequest& request);
HttpResponse put_batch_schedule_stage(ServerContext& context, HttpRequest& request);

// notification_handlers.cpp
HttpResponse get_notifications(ServerContext& context, HttpRequest& request);
HttpResponse get_notifications_unread_count(ServerContext& context, HttpRequest& request);
HttpResponse post_notification_read(ServerContext& context, HttpRequest& request);
HttpResponse post_notifications_read_all(ServerContext& context, HttpRequest& request);

// selection_handlers.cpp
HttpResponse get_batch_budget(ServerContext& context, HttpRequest& request);
HttpResponse put_batch_budget(ServerContext& context, HttpRequest& request);
HttpResponse post_batch_selection_runs(ServerContext& context, HttpRequest& request);
HttpResponse get_batch_selection(ServerContext& context, HttpRequest& request);
HttpResponse get_selection_run(ServerContext& context, HttpRequest& request);
HttpResponse put_selection_adjustment(ServerContext& context, HttpRequest& request);
HttpResponse post_selection_run_confirm(ServerContext& context, HttpRequest& request);

// publicity_handlers.cpp
HttpResponse post_batch_publicity(ServerContext& context, HttpRequest& request);
HttpResponse get_public_publicities(ServerContext& context, HttpRequest& request);
HttpResponse get_public_publicity(ServerContext& context, HttpRequest& request);
HttpResponse post_public_publicity_objections(ServerContext& context, HttpRequest& request);
HttpResponse get_batch_objections(ServerContext& context, HttpRequest& request);
HttpResponse get_objection_letter(ServerContext& context, HttpRequest& request);
HttpResponse post_objection_decision(ServerContext& context, HttpRequest& request);

// funding_handlers.cpp
HttpResponse post_batch_approval(ServerContext& context, HttpRequest& request);
HttpResponse get_batch_funded(ServerContext& context, HttpRequest& request);
HttpResponse post_application_disbursements(ServerContext& context, HttpRequest& request);
HttpResponse get_application_disbursements(ServerContext& context, HttpRequest& request);

// acceptance_handlers.cpp
HttpResponse get_application_acceptance(ServerContext& context, HttpRequest& request);
HttpResponse put_application_acceptance(ServerContext& context, HttpRequest& request);
HttpResponse post_application_acceptance_submit(ServerContext& context, HttpRequest& request);
HttpResponse post_application_acceptance_conclusion(ServerContext& context, HttpRequest& request);
HttpResponse post_application_training_events(ServerContext& context, HttpRequest& request);
HttpResponse get_application_training_events(ServerContext& context, HttpRequest& request);
HttpResponse put_training_event_checkin(ServerContext& context, HttpRequest& request);
HttpResponse get_training_event_checkins(ServerContext& context, HttpRequest& request);
HttpResponse get_training_event_qr(ServerContext& context, HttpRequest& request);
HttpResponse get_public_checkin(ServerContext& context, HttpRequest& request);
HttpResponse post_public_checkin(ServerContext& context, HttpRequest& request);

// portal_handlers.cpp
HttpResponse get_public_pages(ServerContext& context, HttpRequest& request);
HttpResponse get_public_page(ServerContext& context, HttpRequest& request);
HttpResponse get_public_page_file(ServerContext& context, HttpRequest& request);
HttpResponse get_portal_pages(ServerContext& context, HttpRequest& request);
HttpResponse post_portal_pages(ServerContext& context, HttpRequest& request);
HttpResponse put_portal_page(ServerContext& context, HttpRequest& request);
HttpResponse put_portal_page_file(ServerContext& context, HttpRequest& request);
HttpResponse delete_portal_page(ServerContext& context, HttpRequest& request);

// report_handlers.cpp
HttpResponse get_report_overview(ServerContext& context, HttpRequest& request);
HttpResponse get_report_overview_csv(ServerContext& context, HttpRequest& request);
HttpResponse get_export(ServerContext& context, HttpRequest& request);

// audit_handlers.cpp
HttpResponse get_audit(ServerContext& context, HttpRequest& request);

}  // namespace iifund::http
