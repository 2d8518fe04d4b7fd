// Cloudflare's official TypeScript SDK against route-sandbox: if the SDK can drive the sandbox, the sandbox
// speaks the API the way Cloudflare does (paths, query encoding, envelopes, errors).
//
//   node sdk-compat.mjs <path to route-sandbox>
//
// Exits 0 on success, 1 on a failed check, 77 (ctest's "skipped") when `npm ci` has not been run here.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, 'node_modules', 'cloudflare'))) {
  console.log('SKIP: node_modules/cloudflare is missing; run `npm ci` in tests/sdk');
  process.exit(77);
}
const binary = process.argv[2];
if (!binary || !existsSync(binary)) {
  console.error('usage: node sdk-compat.mjs <path to route-sandbox>');
  process.exit(2);
}
const { default: Cloudflare } = await import('cloudflare');

const token = 'sdk-compat-token';
const accountId = '0d37909e38d3e99c29fa2cd343ac421a';
const dir = mkdtempSync(join(tmpdir(), 'rd-sdk-'));

// Starts route-sandbox on a free port and resolves with its base URL once it says it is listening.
function startSandbox() {
  const child = spawn(binary, ['--port', '0', '--token', token, '--db', join(dir, 'sandbox.sqlite')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/route-sandbox listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)/);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`route-sandbox exited early with ${code}`)));
    setTimeout(() => reject(new Error('route-sandbox did not start in time')), 15000);
  });
  return { child, url };
}

function elements(model) {
  return [
    { id: 'start', type: 'start', outputs: { next: { elementId: 'split' } } },
    {
      id: 'split',
      type: 'percentage',
      outputs: { '70%': { elementId: 'primary' }, '30%': { elementId: 'secondary' } },
    },
    {
      id: 'primary',
      type: 'model',
      properties: { provider: 'openai', model, timeout: 30000, retries: 2 },
      outputs: { success: { elementId: 'end' }, fallback: { elementId: 'secondary' } },
    },
    {
      id: 'secondary',
      type: 'model',
      properties: { provider: 'anthropic', model: 'claude-3-5-haiku-latest', timeout: 30000, retries: 1 },
      outputs: { success: { elementId: 'end' }, fallback: { elementId: 'end' } },
    },
    { id: 'end', type: 'end', outputs: {} },
  ];
}

async function expectStatus(promise, status) {
  try {
    await promise;
  } catch (error) {
    assert.equal(error.status, status, `expected HTTP ${status}, got ${error.status}: ${error.message}`);
    return error;
  }
  assert.fail(`expected HTTP ${status}, but the call succeeded`);
}

async function run(baseURL) {
  const client = new Cloudflare({ apiToken: token, baseURL, maxRetries: 0 });
  const account = { account_id: accountId };

  // Gateways
  const gateway = await client.aiGateway.create({
    ...account,
    id: 'sdk-gateway',
    cache_invalidate_on_update: false,
    cache_ttl: 0,
    collect_logs: true,
    rate_limiting_interval: 60,
    rate_limiting_limit: 100,
  });
  assert.equal(gateway.id, 'sdk-gateway');
  assert.equal(gateway.collect_logs, true);
  const gatewayIds = [];
  for await (const g of client.aiGateway.list({ ...account, per_page: 1 })) gatewayIds.push(g.id);
  assert.deepEqual(gatewayIds.sort(), ['demo-gateway', 'sdk-gateway']);
  assert.equal((await client.aiGateway.get('sdk-gateway', account)).rate_limiting_limit, 100);
  await expectStatus(client.aiGateway.get('missing', account), 404);

  // Dynamic routing: the ten endpoints
  const gw = 'sdk-gateway';
  const scope = { ...account, gateway_id: gw };
  const created = await client.aiGateway.dynamicRouting.create(gw, { ...account, name: 'sdk-route', elements: elements('gpt-4o-mini') });
  assert.equal(created.name, 'sdk-route');
  assert.equal(created.version.active, 'true');
  assert.deepEqual(created.elements, elements('gpt-4o-mini'));
  const routeId = created.id;

  const listed = await client.aiGateway.dynamicRouting.list(gw, account);
  assert.equal(listed.success, true);
  assert.equal(listed.data.routes.length, 1);
  assert.equal(listed.data.routes[0].account_tag, accountId);

  const fetched = await client.aiGateway.dynamicRouting.get(routeId, scope);
  assert.equal(fetched.deployment.version_id, fetched.version.version_id);

  const renamed = await client.aiGateway.dynamicRouting.update(routeId, { ...scope, name: 'sdk-route-2' });
  assert.equal(renamed.success, true);
  assert.equal(renamed.route.name, 'sdk-route-2');

  const version = await client.aiGateway.dynamicRouting.createVersion(routeId, { ...scope, elements: elements('gpt-4o') });
  assert.equal(version.id, routeId);
  assert.deepEqual(version.elements, elements('gpt-4o'));

  const versions = await client.aiGateway.dynamicRouting.listVersions(routeId, scope);
  assert.equal(versions.data.versions.length, 2);
  const newest = versions.data.versions[0];
  assert.equal(newest.active, 'false');

  const gotVersion = await client.aiGateway.dynamicRouting.getVersion(newest.version_id, { ...scope, id: routeId });
  assert.deepEqual(gotVersion.elements, elements('gpt-4o'));
  assert.equal(gotVersion.version_id, newest.version_id);

  const deployed = await client.aiGateway.dynamicRouting.createDeployment(routeId, { ...scope, version_id: newest.version_id });
  assert.deepEqual(deployed.elements, elements('gpt-4o'));
  const deployments = await client.aiGateway.dynamicRouting.listDeployments(routeId, scope);
  assert.equal(deployments.data.deployments.length, 2);
  assert.equal(deployments.data.deployments[0].version_id, newest.version_id);
  assert.equal((await client.aiGateway.dynamicRouting.get(routeId, scope)).version.active, 'true');

  const rejected = await expectStatus(
    client.aiGateway.dynamicRouting.createVersion(routeId, {
      ...scope,
      elements: elements('x').map((e) =>
        e.id === 'split' ? { ...e, outputs: { '60%': { elementId: 'primary' }, '30%': { elementId: 'secondary' } } } : e,
      ),
    }),
    400,
  );
  assert.match(JSON.stringify(rejected.errors ?? rejected.error), /7001/);

  const deleted = await client.aiGateway.dynamicRouting.delete(routeId, scope);
  assert.equal(deleted.id, routeId);
  await expectStatus(client.aiGateway.dynamicRouting.get(routeId, scope), 404);

  // Logs of the demo gateway, with filters encoded the SDK's way
  const demo = 'demo-gateway';
  const logs = [];
  for await (const log of client.aiGateway.logs.list(demo, {
    ...account,
    per_page: 50,
    filters: [
      { key: 'model', operator: 'eq', value: ['gpt-4o-mini'] },
      { key: 'success', operator: 'eq', value: [true] },
    ],
  })) {
    logs.push(log);
  }
  assert.ok(logs.length > 10, `expected logs, got ${logs.length}`);
  assert.ok(logs.every((l) => l.model === 'gpt-4o-mini' && l.success === true));
  assert.equal(new Set(logs.map((l) => l.id)).size, logs.length);

  const page = await client.aiGateway.logs.list(demo, { ...account, per_page: 5, order_by: 'created_at', order_by_direction: 'asc' });
  assert.equal(page.result.length, 5);
  assert.ok(page.result_info.total_count >= 300);
  const first = page.result[0];
  const detail = await client.aiGateway.logs.get(first.id, { ...account, gateway_id: demo });
  assert.equal(detail.id, first.id);
  assert.equal(typeof detail.request_head, 'string');
  await client.aiGateway.logs.edit(first.id, { ...account, gateway_id: demo, feedback: 1, score: 75 });
  const rated = await client.aiGateway.logs.list(demo, {
    ...account,
    filters: [{ key: 'feedback', operator: 'eq', value: [1] }],
  });
  assert.deepEqual(rated.result.map((l) => l.id), [first.id]);
  const request = await client.aiGateway.logs.request(first.id, { ...account, gateway_id: demo });
  assert.ok(request.result.messages.length > 0);
  const removed = await client.aiGateway.logs.delete(demo, {
    ...account,
    filters: [{ key: 'provider', operator: 'eq', value: ['google-ai-studio'] }],
  });
  assert.equal(removed.success, true);

  // Provider configs: the secret goes in and never comes back
  const secret = 'sk-sdk-compat-0123456789abcdef';
  const config = await client.aiGateway.providerConfigs.create(demo, {
    ...account,
    alias: 'sdk',
    default_config: false,
    provider_slug: 'openai',
    secret,
  });
  assert.equal(config.secret_preview, 'sk-...cdef');
  assert.ok(!JSON.stringify(config).includes(secret));
  const configs = [];
  for await (const c of client.aiGateway.providerConfigs.list(demo, account)) configs.push(c);
  assert.ok(configs.some((c) => c.id === config.id));
  assert.ok(!JSON.stringify(configs).includes(secret));

  // Logs by the SDK's newer filter keys: one log deleted by its id, and only that one
  const before = (await client.aiGateway.logs.list(demo, { ...account, per_page: 1 })).result_info.total_count;
  const byId = await client.aiGateway.logs.list(demo, {
    ...account,
    filters: [{ key: 'id', operator: 'eq', value: [first.id] }],
  });
  assert.deepEqual(byId.result.map((l) => l.id), [first.id]);
  await client.aiGateway.logs.delete(demo, { ...account, filters: [{ key: 'id', operator: 'eq', value: [first.id] }] });
  const after = (await client.aiGateway.logs.list(demo, { ...account, per_page: 1 })).result_info.total_count;
  assert.equal(after, before - 1);
  for (const key of ['dlp_action', 'authentication', 'wholesale', 'compatibilityMode']) {
    const value = key === 'dlp_action' ? 'BLOCK' : true;
    await client.aiGateway.logs.list(demo, { ...account, filters: [{ key, operator: 'neq', value: [value] }] });
  }

  // Datasets, evaluation types and evaluations
  const dataset = await client.aiGateway.datasets.create(demo, {
    ...account,
    name: 'sdk-dataset',
    enable: true,
    filters: [{ key: 'provider', operator: 'eq', value: ['openai'] }],
  });
  assert.equal(dataset.name, 'sdk-dataset');
  assert.equal(dataset.gateway_id, demo);
  assert.deepEqual(dataset.filters, [{ key: 'provider', operator: 'eq', value: ['openai'] }]);
  const changedDataset = await client.aiGateway.datasets.update(dataset.id, {
    ...account,
    gateway_id: demo,
    name: 'sdk-dataset-2',
    enable: false,
    filters: [{ key: 'cost', operator: 'gt', value: [0.001] }],
  });
  assert.equal(changedDataset.name, 'sdk-dataset-2');
  const fetchedDataset = await client.aiGateway.datasets.get(dataset.id, { ...account, gateway_id: demo });
  assert.equal(fetchedDataset.enable, false);
  const datasets = [];
  for await (const d of client.aiGateway.datasets.list(demo, account)) datasets.push(d.id);
  assert.ok(datasets.includes(dataset.id));
  const types = [];
  for await (const t of client.aiGateway.evaluationTypes.list(account)) types.push(t);
  assert.deepEqual(types.map((t) => t.type), ['cost', 'speed', 'performance']);
  const evaluation = await client.aiGateway.evaluations.create(demo, {
    ...account,
    name: 'sdk-evaluation',
    dataset_ids: [dataset.id],
    evaluation_type_ids: types.map((t) => t.id),
  });
  assert.equal(evaluation.processed, false);
  assert.deepEqual(evaluation.results, []);
  const evaluations = [];
  for await (const e of client.aiGateway.evaluations.list(demo, account)) evaluations.push(e.id);
  assert.deepEqual(evaluations, [evaluation.id]);
  const fetchedEvaluation = await client.aiGateway.evaluations.get(evaluation.id, { ...account, gateway_id: demo });
  assert.equal(fetchedEvaluation.name, 'sdk-evaluation');
  await client.aiGateway.evaluations.delete(evaluation.id, { ...account, gateway_id: demo });
  await expectStatus(client.aiGateway.evaluations.get(evaluation.id, { ...account, gateway_id: demo }), 404);
  await client.aiGateway.datasets.delete(dataset.id, { ...account, gateway_id: demo });
  await expectStatus(client.aiGateway.datasets.get(dataset.id, { ...account, gateway_id: demo }), 404);
  await expectStatus(
    client.aiGateway.datasets.create(demo, {
      ...account,
      name: 'bad',
      enable: true,
      filters: [{ key: 'model_type', operator: 'eq', value: ['chat'] }],
    }),
    400,
  );

  // Authentication
  const stranger = new Cloudflare({ apiToken: 'wrong', baseURL, maxRetries: 0 });
  await expectStatus(stranger.aiGateway.list(account), 403);
}

const { child, url } = startSandbox();
let failed = false;
try {
  const baseURL = await url;
  await run(baseURL);
  console.log('PASS: the official Cloudflare SDK works against route-sandbox');
} catch (error) {
  failed = true;
  console.error('FAIL:', error);
} finally {
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.kill('SIGTERM');
  const { code } = await exited;
  if (code !== 0) {
    console.error(`route-sandbox exited with ${code} after SIGTERM`);
    failed = true;
  }
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
