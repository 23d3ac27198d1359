#pragma once
#include <span>

#include "http/router.hpp"

namespace iifund::http {

// The route table: every route, who may call it, and its handler (see routes.cpp).
std::span<const Route> route_table();

}  // namespace iifund::http
