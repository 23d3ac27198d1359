// Precompiled: RESTinio and Asio take ~20 s per translation unit on two cores.
#pragma once
#include <restinio/all.hpp>
