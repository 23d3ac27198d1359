// `iifund document render -i document.json -o out.pdf`: prints the application document (申报书)
// from a JSON file of report::ApplicationDocument (see examples/application-document.json) —
// the same renderer the server uses, for trying layouts without a database.
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "cli/command.hpp"
#include "report/application_document_json.hpp"

namespace iifund::cli {

namespace {

struct DocumentOptions {
  std::string input;
  std::string output;
};

bool write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out.flush());
}

void render(const DocumentOptions& o, CommandContext& ctx) {
  auto document = report::read_application_document_file(o.input);
  if (!document.ok()) {
    std::cerr << fmt::format("iifund document render: {}: {}\n", o.input,
                             report::describe_document_problem(document.problem()));
    ctx.exit_code = 1;
    return;
  }
  const report::RenderedPdf pdf = report::render_application(*document);
  if (!write_file(o.output, pdf.bytes)) {
    std::cerr << fmt::format("iifund document render: {}: cannot write the PDF\n", o.output);
    ctx.exit_code = 1;
    return;
  }
  std::cout << fmt::format("wrote {}: {} pages, {} bytes\n", o.output, pdf.page_count, pdf.bytes.size());
}

}  // namespace

void add_document_command(CLI::App& app, CommandContext& ctx) {
  auto* command = app.add_subcommand("document", "The printed application document (申报书)");
  command->require_subcommand(1);
  auto* render_command = command->add_subcommand("render", "Render a document JSON file to PDF");
  auto options = std::make_shared<DocumentOptions>();
  render_command->add_option("-i,--input", options->input, "document JSON (report::ApplicationDocument)")
      ->required();
  render_command->add_option("-o,--output", options->output, "PDF file to write")->required();
  render_command->callback([&ctx, options] { render(*options, ctx); });
}

}  // namespace iifund::cli
