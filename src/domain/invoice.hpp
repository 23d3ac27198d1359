#pragma once
// 发票: the evidence of investment ("以相关发票金额为准"). A VAT invoice (增值税发票) has a code of
// 10 or 12 digits and an 8-digit number; a fully digital e-invoice (全面数字化电子发票, 数电票) has a
// 20-digit number and no code. An invoice counts once in the whole batch: its key is claimed
// when the application that lists it is submitted.
#include <string>
#include <string_view>

#include "domain/money.hpp"
#include "domain/policy.hpp"
#include "domain/result.hpp"

namespace iifund::domain {

enum class InvoiceKind { vat, fully_digital };
std::string_view to_string(InvoiceKind kind);

struct Invoice {
  InvoiceKind kind = InvoiceKind::vat;
  std::string code;             // 发票代码; empty for a 数电票
  std::string number;           // 发票号码
  std::string buyer_tax_id;     // 购买方纳税人识别号 = the buyer's credit code
  Money amount_without_tax;     // 金额
  Money tax;                    // 税额
  Money amount_with_tax;        // 价税合计
  std::string investment_type;  // an id of Policy::investment_types
};

// "code-number" for a VAT invoice, the number alone for a 数电票: what "the same invoice" means.
std::string invoice_key(const Invoice& invoice);

// The amount that counts as investment under the batch's basis.
Money counted_amount(const Invoice& invoice, InvestmentBasis basis);

// Checks the invoice's own rules and that it was issued to `buyer_credit_code` (the applicant,
// or the member in a cluster). Refusal: code "invoice_invalid" with one FieldError per broken
// rule: invoice_code_digits, invoice_number_digits, invoice_digital_number_digits,
// invoice_digital_has_code, invoice_buyer_mismatch, invoice_amount_negative, invoice_amount_sum.
Status validate_invoice(const Invoice& invoice, std::string_view buyer_credit_code);

}  // namespace iifund::domain
