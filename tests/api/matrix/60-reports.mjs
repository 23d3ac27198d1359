// Reports and exports take the demo batch as a query parameter; the export's object names the file.
let demoBatchId;

export async function fixtures(f) {
  const batches = await f.observer.request('GET', '/api/batches');
  demoBatchId = batches.body.batches.find((batch) => batch.is_demo).id;
  return {};
}

const files = { export_applications: 'applications.xlsx', export_library: 'library.xlsx' };

export async function request(f, route, actorName, objectName) {
  if (route === 'GET /api/reports/overview') return { path: `/api/reports/overview?batch_id=${demoBatchId}` };
  if (route === 'GET /api/reports/overview.csv') {
    return { path: `/api/reports/overview.csv?batch_id=${demoBatchId}&chart=by_county` };
  }
  if (route === 'GET /api/exports/:file') return { path: `/api/exports/${files[objectName]}?batch_id=${demoBatchId}` };
  return undefined;
}
