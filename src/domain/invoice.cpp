#include "domain/invoice.hpp"

#include <vector>

namespace iifund::domain {

std::string_view to_string(InvoiceKind kind) { return kind == InvoiceKind::vat ? "vat" : "fully_digital"; }

std::string invoice_key(const Invoice& invoice) {
  return invoice.code.empty() ? invoice.number : invoice.code + "-" + invoice.number;
}

Money counted_amount(const Invoice& invoice, InvestmentBasis basis) {
  return basis == InvestmentBasis::with_tax ? invoice.amount_with_tax : invoice.amount_without_tax;
}

namespace {

bool digits_of_length(std::string_view s, std::size_t length) {
  if (s.size() != length) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

Status validate_invoice(const Invoice& invoice, std::string_view buyer_credit_code) {
  std::vector<FieldError> errors;
  auto fail = [&](std::string field, std::string rule, nlohmann::json facts = nlohmann::json::object()) {
    errors.push_back(FieldError{std::move(field), std::move(rule), std::move(facts)});
  };
  if (invoice.kind == InvoiceKind::vat) {
    if (!digits_of_length(invoice.code, 10) && !digits_of_length(invoice.code, 12))
      fail("code", "invoice_code_digits", {{"expected", "10 or 12 digits"}, {"found", invoice.code}});
    if (!digits_of_length(invoice.number, 8))
      fail("number", "invoice_number_digits", {{"expected", "8 digits"}, {"found", invoice.number}});
  } else {
    if (!invoice.code.empty()) fail("code", "invoice_digital_has_code", {{"found", invoice.code}});
    if (!digits_of_length(invoice.number, 20))
      fail("number", "invoice_digital_number_digits", {{"expected", "20 digits"}, {"found", invoice.number}});
  }
  if (invoice.buyer_tax_id != buyer_credit_code)
    fail("buyer_tax_id", "invoice_buyer_mismatch",
         {{"expected", std::string(buyer_credit_code)}, {"found", invoice.buyer_tax_id}});
  if (invoice.amount_without_tax.fen() < 0 || invoice.tax.fen() < 0 || invoice.amount_with_tax.fen() < 0)
    fail("amount_with_tax", "invoice_amount_negative");
  else if (checked_add(invoice.amount_without_tax, invoice.tax) != invoice.amount_with_tax)
    fail("amount_with_tax", "invoice_amount_sum",
         {{"amount_without_tax_fen", invoice.amount_without_tax.fen()},
          {"tax_fen", invoice.tax.fen()},
          {"amount_with_tax_fen", invoice.amount_with_tax.fen()}});
  if (errors.empty()) return Ok{};
  Problem p = make_problem("invoice_invalid", 422, {{"invoice", invoice_key(invoice)}});
  p.fields = std::move(errors);
  return p;
}

}  // namespace iifund::domain
