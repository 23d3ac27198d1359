#pragma once
// How an application looks on the wire (docs/applications-api.md): one place, so the list, the
// detail and every answer after a change agree.
#include <nlohmann/json.hpp>

#include "http/http_types.hpp"
#include "service/applications.hpp"
#include "service/caller.hpp"
#include "store/application_store.hpp"

namespace iifund::http {

nlohmann::json application_json(const service::ApplicationView& view, const service::Caller& caller,
                                Language language);
nlohmann::json application_list_json(const store::ApplicationPage& page);
nlohmann::json application_event_json(const store::ApplicationEvent& event);

}  // namespace iifund::http
