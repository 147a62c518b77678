// The emulator's console: plain DOM, no libraries. Reads /_emulator/console/api (read-only) and changes state
// only through the loopback hooks, with JSON bodies, from this origin. The page never holds the API key.
'use strict';

const API = '/_emulator/console/api';
const FAULTS = '/_emulator/faults';
const POLL_MS = { runs: 500, requests: 1000, workflows: 3000, account: 2000 };
const $ = (selector) => document.querySelector(selector);

/* ---------- small helpers ---------- */

async function request(method, url, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const error = await response.json();
      detail = typeof error.detail === 'string' ? error.detail : JSON.stringify(error.detail ?? error);
    } catch { /* not JSON: keep the status line */ }
    throw new Error(detail);
  }
  return response.status === 204 ? null : response.json();
}

const get = (path) => request('GET', API + path);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && !key.includes('-')) node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

const time = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
const clock = (iso) => new Date(iso).toLocaleTimeString();

function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

function bytes(size) {
  return size < 1024 ? `${size} B` : size < 1048576 ? `${(size / 1024).toFixed(1)} KB` : `${(size / 1048576).toFixed(1)} MB`;
}

function notice(message) {
  $('#notice').textContent = message;
}

function rows(tbody, items, toRow, empty) {
  tbody.replaceChildren(...(items.length ? items.map(toRow) : [el('tr', {}, el('td', { colSpan: 9, class: 'hint' }, empty))]));
}

/* ---------- sections and polling ---------- */

const sections = ['workflows', 'runs', 'requests', 'account'];
let current = null;
let timer = null;
let generation = 0;

function show() {
  const wanted = location.hash.slice(1);
  current = sections.includes(wanted) ? wanted : 'workflows';
  for (const name of sections) $(`#${name}`).hidden = name !== current;
  for (const link of document.querySelectorAll('nav a')) {
    if (link.hash === `#${current}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  refresh();
}

async function refresh() {
  clearTimeout(timer);
  const mine = ++generation;
  const section = current;
  try {
    if (!document.hidden) {
      await loaders[section]();
      notice('');
    }
  } catch (error) {
    notice(`Could not refresh: ${error.message}`);
  }
  // Only the latest refresh re-arms the timer, so switching sections never leaves two loops polling.
  if (mine === generation) timer = setTimeout(refresh, POLL_MS[section]);
}

/* ---------- workflows and their DAG ---------- */

let shownWorkflows = null;

async function loadWorkflows() {
  const workflows = await get('/workflows');
  // Redrawn only when something changed, so polling does not take the keyboard focus away.
  const snapshot = JSON.stringify(workflows);
  if (snapshot === shownWorkflows) return;
  shownWorkflows = snapshot;
  rows($('#workflow-list'), workflows, (workflow) => el('tr', {},
    el('td', {}, el('button', { type: 'button', onclick: () => openWorkflow(workflow.id), 'aria-label': `Open ${workflow.name}` }, workflow.name)),
    el('td', { class: 'num' }, String(workflow.block_count)),
    el('td', {}, time(workflow.last_run_date)),
    el('td', {}, workflow.description ?? '')), 'No workflows.');
}

async function openWorkflow(id) {
  const workflow = await get(`/workflows/${encodeURIComponent(id)}`);
  $('#dag-title').textContent = `${workflow.name}: blocks and edges`;
  $('#dag-panel').hidden = false;
  $('#block-panel').hidden = true;
  drawDag(workflow.workflow_definition ?? { blocks: [], edges: [] });
  $('#dag .node')?.focus();
}

const NODE = { width: 172, height: 48, gapX: 64, gapY: 24, pad: 16 };

/**
 * A small layered layout: each block's layer is the longest path from a source; within a layer blocks start
 * in sequence order and then follow the mean position of their parents (one sweep), which keeps edges short.
 */
function layout(blocks, edges) {
  const key = (block) => block.block_id ?? String(block.sequence_number);
  const byId = new Map(blocks.map((block) => [key(block), block]));
  const parents = new Map(blocks.map((block) => [key(block), []]));
  for (const edge of edges) {
    if (byId.has(edge.from_block_id) && parents.has(edge.to_block_id)) parents.get(edge.to_block_id).push(edge.from_block_id);
  }
  const layerOf = new Map();
  const visiting = new Set();
  const depth = (id) => {
    if (layerOf.has(id)) return layerOf.get(id);
    if (visiting.has(id)) return 0; // a cycle cannot be saved, but must not hang the page
    visiting.add(id);
    const layer = parents.get(id).reduce((max, parent) => Math.max(max, depth(parent) + 1), 0);
    visiting.delete(id);
    layerOf.set(id, layer);
    return layer;
  };
  const layers = [];
  for (const block of [...blocks].sort((a, b) => a.sequence_number - b.sequence_number)) {
    const layer = depth(key(block));
    (layers[layer] ??= []).push(key(block));
  }
  const index = new Map();
  layers.forEach((layer, l) => {
    if (l > 0) {
      const mean = (id) => {
        const positions = parents.get(id).filter((parent) => index.has(parent)).map((parent) => index.get(parent));
        return positions.length ? positions.reduce((sum, p) => sum + p, 0) / positions.length : Infinity;
      };
      layer.sort((a, b) => mean(a) - mean(b));
    }
    layer.forEach((id, i) => index.set(id, i));
  });
  const tallest = Math.max(1, ...layers.map((layer) => layer.length));
  const position = new Map();
  layers.forEach((layer, l) => layer.forEach((id, i) => position.set(id, {
    x: NODE.pad + l * (NODE.width + NODE.gapX),
    y: NODE.pad + (i + (tallest - layer.length) / 2) * (NODE.height + NODE.gapY),
  })));
  return {
    byId, position, key,
    width: NODE.pad * 2 + layers.length * NODE.width + Math.max(0, layers.length - 1) * NODE.gapX,
    height: NODE.pad * 2 + tallest * NODE.height + (tallest - 1) * NODE.gapY,
  };
}

function drawDag(graph) {
  const { byId, position, key, width, height } = layout(graph.blocks, graph.edges);
  const dag = $('#dag');
  dag.setAttribute('width', width);
  dag.setAttribute('height', height);
  dag.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const defs = svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' })));
  const edges = graph.edges.filter((edge) => position.has(edge.from_block_id) && position.has(edge.to_block_id)).map((edge) => {
    const from = position.get(edge.from_block_id);
    const to = position.get(edge.to_block_id);
    const [x1, y1, x2, y2] = [from.x + NODE.width, from.y + NODE.height / 2, to.x, to.y + NODE.height / 2];
    const bend = (x2 - x1) / 2;
    const path = svg('path', { class: 'edge', d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`, 'marker-end': 'url(#arrow)', 'data-from': edge.from_block_id, 'data-to': edge.to_block_id },
      svg('title', {}, document.createTextNode(`${edge.from_block_id} → ${edge.to_block_id}${edge.condition ? ` if ${edge.condition}` : ''}`)));
    return edge.condition
      ? svg('g', {}, path, svg('text', { class: 'condition', x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, 'text-anchor': 'middle' }, document.createTextNode(edge.condition)))
      : path;
  });
  const nodes = [...byId.entries()].map(([id, block]) => {
    const { x, y } = position.get(id);
    const isSource = !graph.edges.some((edge) => edge.to_block_id === id);
    const node = svg('g', {
      class: `node${isSource ? ' source' : ''}`, tabindex: '0', role: 'button', 'aria-pressed': 'false', 'data-block-id': id,
      'aria-label': `Block ${id}, type ${block.block_type}`, transform: `translate(${x},${y})`,
    },
    svg('rect', { width: NODE.width, height: NODE.height }),
    svg('text', { x: 10, y: 20 }, document.createTextNode(id)),
    svg('text', { x: 10, y: 38, class: 'type' }, document.createTextNode(block.block_type)));
    const select = () => selectBlock(node, block, key(block));
    node.addEventListener('click', select);
    node.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select();
      }
    });
    return node;
  });
  dag.replaceChildren(defs, ...edges, ...nodes);
}

function selectBlock(node, block, id) {
  for (const other of document.querySelectorAll('#dag .node')) other.setAttribute('aria-pressed', String(other === node));
  $('#block-title').textContent = `Block ${id} (${block.block_type}, #${block.sequence_number}) specs`;
  $('#block-specs').textContent = JSON.stringify(block.specs ?? {}, null, 2);
  $('#block-panel').hidden = false;
}

/* ---------- runs ---------- */

const runItems = new Map();

async function loadRuns() {
  const runs = await get('/runs');
  const list = $('#run-list');
  $('#no-runs').hidden = runs.length > 0;
  runs.forEach((run, i) => {
    const item = runItems.get(run.id) ?? createRun(run);
    updateRun(item, run);
    if (list.children[i] !== item.root) list.insertBefore(item.root, list.children[i] ?? null);
  });
  const ids = new Set(runs.map((run) => run.id));
  for (const [id, item] of runItems) {
    if (!ids.has(id)) {
      item.root.remove();
      runItems.delete(id);
    }
  }
}

function createRun(run) {
  const titleId = `run-${run.id}`;
  const item = {
    status: el('span', { class: 'status' }),
    queued: el('dd'), duration: el('dd'), credits: el('dd'),
    error: el('p', { class: 'error' }),
    blocks: [],
    cancel: el('button', { type: 'button', onclick: () => cancelRun(run.id), 'aria-label': `Cancel run ${run.id}` }, 'Cancel'),
    files: el('div', { class: 'files', hidden: true }),
    filesKey: null,
  };
  item.filesButton = el('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': `files-${run.id}`, onclick: () => toggleFiles(item, run.id) }, 'Result files');
  item.files.id = `files-${run.id}`;
  const blockList = el('ul', { class: 'blocks', 'aria-label': 'Block progress' });
  run.blocks.forEach((block, i) => {
    const labelId = `${titleId}-block-${i}`;
    const entry = {
      progress: el('progress', { max: 100, value: 0, 'aria-labelledby': labelId }),
      percent: el('span', { class: 'num' }),
      state: el('span', { class: 'status' }),
    };
    item.blocks.push(entry);
    blockList.append(el('li', { 'data-block-id': block.block_id ?? '' },
      el('span', { id: labelId }, `${block.block_id ?? i + 1} `, el('span', { class: 'hint' }, block.block_type)),
      entry.progress, entry.percent, entry.state));
  });
  item.root = el('li', { class: 'run', 'data-run-id': run.id },
    el('article', { 'aria-labelledby': titleId },
      el('div', { class: 'run-head' },
        el('h3', { id: titleId }, run.workflow_name),
        item.status,
        el('span', { class: 'mono hint' }, run.id)),
      el('dl', {},
        el('div', {}, el('dt', {}, 'Queued'), item.queued),
        el('div', {}, el('dt', {}, 'Duration'), item.duration),
        el('div', {}, el('dt', {}, 'Credits'), item.credits)),
      item.error,
      blockList,
      el('div', { class: 'actions' }, item.cancel, item.filesButton),
      item.files));
  runItems.set(run.id, item);
  return item;
}

function updateRun(item, run) {
  item.status.textContent = run.status;
  item.status.className = `status status-${run.status}`;
  item.queued.textContent = time(run.queued_at);
  item.duration.textContent = duration(run.duration_ms);
  item.credits.textContent = run.credits_charged ?? run.credits_used;
  item.error.textContent = run.error_message ?? '';
  run.blocks.forEach((block, i) => {
    const entry = item.blocks[i];
    entry.progress.value = block.progress_percentage;
    entry.percent.textContent = `${Math.round(block.progress_percentage)}%`;
    entry.state.textContent = block.status;
    entry.state.className = `status status-${block.status}`;
    entry.state.title = block.error_message ?? '';
  });
  item.cancel.hidden = run.ended;
  const filesKey = `${run.status}/${run.blocks.filter((block) => block.status === 'completed').length}`;
  if (!item.files.hidden && item.filesKey !== filesKey) loadFiles(item, run.id, filesKey);
}

async function cancelRun(id) {
  try {
    await request('POST', `${API}/runs/${encodeURIComponent(id)}/cancel`, {});
    notice(`Run ${id} cancelled.`);
    await loadRuns();
  } catch (error) {
    notice(`Could not cancel: ${error.message}`);
  }
}

async function toggleFiles(item, id) {
  const open = item.files.hidden;
  item.files.hidden = !open;
  item.filesButton.setAttribute('aria-expanded', String(open));
  if (open) await loadFiles(item, id, null);
}

async function loadFiles(item, id, filesKey) {
  item.filesKey = filesKey;
  const files = await get(`/runs/${encodeURIComponent(id)}/files`);
  item.files.replaceChildren(files.length
    ? el('ul', { 'aria-label': 'Result files' }, ...files.map((file) => el('li', {},
      el('a', { href: file.href, download: file.file_name }, file.file_name),
      ` ${file.format}, ${file.rows} rows, ${bytes(file.size)} (block ${file.block_id})`)))
    : el('p', { class: 'hint' }, 'No result files yet.'));
}

/* ---------- requests and fault rules ---------- */

let journal = [];

async function loadRequests() {
  const [faults, entries] = await Promise.all([request('GET', FAULTS), get('/requests')]);
  rows($('#fault-list'), faults, (rule) => el('tr', { 'data-rule-id': rule.id },
    el('td', { class: 'mono', title: rule.id }, rule.id.slice(0, 8)),
    el('td', {}, rule.method ?? 'any'),
    el('td', { class: 'mono' }, rule.path),
    el('td', {}, describeRule(rule)),
    el('td', { class: 'num' }, String(rule.remaining))), 'No fault rules.');
  journal = entries;
  renderJournal();
}

// Every action a rule can take is named: a rule shown without one would look like it does nothing.
function describeRule(rule) {
  const parts = [];
  if (rule.status) parts.push(`status ${rule.status}`);
  if (rule.retry_after_seconds != null) parts.push(`Retry-After ${rule.retry_after_seconds} s`);
  if (rule.latency_ms) parts.push(`${rule.latency_ms} ms latency`);
  if (rule.reset_connection) parts.push('reset connection');
  if (rule.truncate_after_bytes != null) parts.push(`abort after ${rule.truncate_after_bytes} bytes`);
  if (rule.cut_after_bytes != null) parts.push(`end after ${rule.cut_after_bytes} bytes, short of Content-Length`);
  if (rule.stall_after_bytes != null) parts.push(`stall after ${rule.stall_after_bytes} bytes until the client gives up`);
  if (rule.variation) parts.push(`variation ${rule.variation}${rule.value ? `=${rule.value}` : ''}`);
  if (rule.delay_ms != null) parts.push(`delay ${rule.delay_ms} ms`);
  return parts.join(', ');
}

function outcome(entry) {
  return entry.status ?? (entry.aborted ? 'reset' : '…');
}

function renderJournal() {
  const filter = $('#journal-filter').value.trim().toLowerCase();
  const shown = journal.filter((entry) => !filter
    || `${entry.method} ${entry.path}${entry.query} ${outcome(entry)} ${entry.fault_rule_id ?? ''}`.toLowerCase().includes(filter));
  rows($('#journal-list'), shown, (entry) => el('tr', {},
    el('td', {}, clock(entry.at)),
    el('td', {}, entry.method),
    el('td', { class: 'mono' }, entry.path + entry.query),
    el('td', { class: 'num' }, String(outcome(entry))),
    el('td', { class: 'mono', title: entry.fault_rule_id ?? '' }, entry.fault_rule_id ? entry.fault_rule_id.slice(0, 8) : '')),
  filter ? 'No request matches the filter.' : 'No requests yet.');
}

async function addFault(event) {
  event.preventDefault();
  const form = event.target;
  const number = (name) => (form.elements[name].value === '' ? null : Number(form.elements[name].value));
  const rule = {
    method: form.elements.method.value || null,
    path: form.elements.path.value,
    times: number('times'),
    status: number('status'),
    latency_ms: number('latency_ms'),
    reset_connection: form.elements.reset_connection.checked || null,
  };
  try {
    await request('POST', FAULTS, rule);
    $('#fault-error').textContent = '';
    await loadRequests();
  } catch (error) {
    $('#fault-error').textContent = `Fault rule refused: ${error.message}`;
  }
}

async function clearFaults() {
  try {
    await request('DELETE', FAULTS);
    await loadRequests();
  } catch (error) {
    $('#fault-error').textContent = `Could not clear: ${error.message}`;
  }
}

/* ---------- credits, schedules, notebooks ---------- */

async function loadAccount() {
  const account = await get('/account');
  $('#credits').textContent = account.credits;
  $('#starting-credits').textContent = account.starting_credits;
  rows($('#schedule-list'), account.schedules, (schedule) => el('tr', {},
    el('td', {}, schedule.name),
    el('td', {}, schedule.workflow_name ?? schedule.workflow_id),
    el('td', { class: 'mono' }, `${schedule.cron_expression} (${schedule.timezone})`),
    el('td', {}, schedule.is_active ? 'yes' : `no${schedule.disabled_reason ? ` (${schedule.disabled_reason})` : ''}`),
    el('td', {}, schedule.next_fire_times.length
      ? el('ul', {}, ...schedule.next_fire_times.map((at) => el('li', {}, el('time', { dateTime: at }, time(at)))))
      : '—')), 'No schedules.');
  rows($('#notebook-list'), account.notebooks, (notebook) => el('tr', {},
    el('td', {}, notebook.name),
    el('td', { class: 'mono' }, notebook.id),
    el('td', { class: 'num' }, String(notebook.row_count)),
    el('td', {}, time(notebook.created_at))), 'No notebooks.');
}

const loaders = { workflows: loadWorkflows, runs: loadRuns, requests: loadRequests, account: loadAccount };

document.addEventListener('DOMContentLoaded', () => {
  $('#fault-form').addEventListener('submit', addFault);
  $('#clear-faults').addEventListener('click', clearFaults);
  $('#journal-filter').addEventListener('input', renderJournal);
  window.addEventListener('hashchange', show);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
  show();
});
