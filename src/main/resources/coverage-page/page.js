'use strict';
(function () {
  const PAGE = 100;
  const key = new URLSearchParams(location.search).get('code');
  const headers = key ? { 'x-functions-key': key } : {};
  const $ = id => document.getElementById(id);
  let rows = [], registrations = [], shown = [], page = 0, sort = 0;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function when(iso) { return iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : 'unknown'; }
  function days(n) { return Number(n).toFixed(1); }
  function short(id) { return id ? id.slice(0, 8) + '…' : ''; }
  async function get(path) {
    const answer = await fetch(path, { headers: headers, credentials: 'same-origin' });
    const body = await answer.json().catch(() => ({}));
    if (!answer.ok) throw new Error((body.error && body.error.message) || ('HTTP ' + answer.status));
    return body;
  }

  function header(c) {
    const t = c.total, s = $('summary');
    const missing = t.missing > 0;
    s.className = 'summary' + (c.inSync && !missing ? '' : ' warn');
    s.textContent = (c.inSync ? '✓ In sync' : '⚠ NOT IN SYNC') + ' · ' + t.missing + ' missing'
      + (t.oldestMissingSince ? ' · oldest missing since ' + when(t.oldestMissingSince) : '')
      + ' · ' + days(t.unbilledCustomerDays) + ' unbilled customer-days'
      + ' · ' + t.unexpected + ' unexpected (' + t.held + ' held) · ' + t.inactive + ' inactive · '
      + t.ambiguous + ' ambiguous' + (t.undecided ? ' · ? ' + t.undecided + ' undecided' : '');
    const r = c.run;
    $('age').textContent = 'Data of the drift run started ' + when(r.time)
      + (r.ageMinutes !== undefined ? ' (' + r.ageMinutes + ' min ago)' : '') + ' by the ' + (r.trigger || '')
      + ' in ' + (r.mode || '') + ' mode, ' + (r.outcome || '')
      + (r.partnerCenterGeneration ? '; Partner Center generation ' + r.partnerCenterGeneration
        + (r.partnerCenterComplete ? '' : ' (incomplete)') : '')
      + '. Unbilled customer-days: for each missing customer subscription, the days since it went missing (its usage'
      + ' is billed to the registration\'s own subscription meanwhile); multiply by your own daily rate.';
  }

  function matrix(c) {
    registrations = c.registrations.map(r => r.registration);
    const names = new Map(c.companies.map(n => [n.tenantId, n.companyName]));
    const byTenant = new Map();
    const row = tenant => {
      if (!byTenant.has(tenant)) {
        const name = names.get(tenant) || '';
        byTenant.set(tenant, { tenant: tenant, name: name, cells: {}, since: null, words: new Set(), text: name + ' ' + tenant });
      }
      return byTenant.get(tenant);
    };
    const add = (tenant, registration, entry) => {
      const r = row(tenant);
      (r.cells[registration] = r.cells[registration] || []).push(entry);
      r.words.add(entry.state);
      if (entry.held) r.words.add('held');
      r.text += ' ' + entry.label + ' ' + (entry.id || '');
      if (entry.since && entry.state === 'missing' && (!r.since || entry.since < r.since)) r.since = entry.since;
    };
    c.registered.forEach(e => add(e.tenantId, e.registration, { state: 'registered', label: '✓ registered', id: e.customerSubscriptionId }));
    c.missing.forEach(e => add(e.tenantId, e.registration, { state: 'missing', since: e.since, id: e.customerSubscriptionId,
      label: '✗ missing' + (e.since ? ' since ' + when(e.since) + ' (' + days(e.daysMissing) + ' d)' : '') }));
    c.unexpected.forEach(e => add(e.tenantId, e.registration, { state: 'unexpected', held: e.held, id: e.customerSubscriptionId,
      label: (e.held ? '‖ held: ' + e.held + ' · ' : '') + '! unexpected' + (e.since ? ' since ' + when(e.since) : '') }));
    c.inactive.forEach(e => add(e.tenantId, e.registration, { state: 'inactive', id: e.customerSubscriptionId, label: '◌ inactive (' + e.status + ')' }));
    c.tenantMismatch.forEach(e => add(e.expectedTenantId, e.registration, { state: 'tenantMismatch', id: e.customerSubscriptionId,
      label: '≠ registered with tenant ' + short(e.actualTenantId) }));
    c.ambiguous.forEach(a => registrations.forEach(reg => add(a.tenantId, reg, { state: 'ambiguous',
      label: '? ambiguous: ' + a.candidates.length + ' Azure subscriptions', id: a.candidates.join(' ') })));
    c.undecided.forEach(u => registrations.forEach(reg => add(u.tenantId, reg, { state: 'undecided',
      label: '? undecided: Partner Center read failed' + (u.error ? ' (' + u.error.code + ')' : ''), id: u.error ? u.error.message : '' })));
    rows = Array.from(byTenant.values()).sort((a, b) => (a.name || '\uffff').localeCompare(b.name || '\uffff') || a.tenant.localeCompare(b.tenant));
    rows.forEach(r => { r.text = r.text.toLowerCase(); });
    const columns = $('columns');
    registrations.forEach(reg => { const th = el('th', reg); th.scope = 'col'; columns.appendChild(th); });
    refresh();
  }

  function refresh() {
    const text = $('filter').value.trim().toLowerCase(), state = $('state').value;
    shown = rows.filter(r => (!text || r.text.includes(text)) && (!state || r.words.has(state)));
    if (sort) {
      shown.sort((a, b) => a.since === b.since ? 0 : !a.since ? 1 : !b.since ? -1 : (a.since < b.since ? -sort : sort));
    }
    page = Math.min(page, Math.max(0, Math.ceil(shown.length / PAGE) - 1));
    render();
  }

  function render() {
    const body = $('rows');
    body.replaceChildren();
    shown.slice(page * PAGE, (page + 1) * PAGE).forEach(r => {
      const tr = el('tr');
      const name = el('th');
      name.scope = 'row';
      if (r.name) name.appendChild(el('div', r.name));
      else if (r.words.has('unexpected')) name.appendChild(el('div', 'not a Partner Center customer', 'stranger'));
      name.appendChild(el('code', r.tenant, 'tenant'));
      tr.appendChild(name);
      tr.appendChild(el('td', r.since ? when(r.since) : ''));
      registrations.forEach(reg => {
        const td = el('td', null, 'cell');
        const entries = r.cells[reg] || [];
        if (!entries.length) td.appendChild(el('div', '—'));
        entries.forEach(e => {
          const div = el('div', e.label + ' ', e.held ? 'held' : e.state);
          div.appendChild(el('code', e.state === 'ambiguous' || e.state === 'undecided' ? '' : short(e.id)));
          div.title = e.id || '';
          td.appendChild(div);
        });
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    const pages = Math.max(1, Math.ceil(shown.length / PAGE));
    $('count').textContent = shown.length + ' of ' + rows.length + ' customers';
    $('page').textContent = 'page ' + (page + 1) + ' of ' + pages;
    $('prev').disabled = page === 0;
    $('next').disabled = page >= pages - 1;
  }

  function changes(answer) {
    const body = $('changes');
    answer.changes.forEach(c => {
      const tr = el('tr');
      [when(c.time), c.caller + ' (' + c.trigger + ')', c.action + ' ' + c.customerSubscriptionId + ' on ' + c.registration,
        c.outcome].forEach(v => tr.appendChild(el('td', v)));
      body.appendChild(tr);
    });
    if (!answer.changes.length) body.appendChild(el('tr')).appendChild(el('td', 'No change recorded yet.'));
  }

  function runs(answer) {
    const body = $('runs');
    answer.runs.forEach(r => {
      const tr = el('tr');
      [when(r.time), r.trigger + ' (' + r.mode + ')', (r.inSync ? '✓ in sync, ' : '⚠ drift, ') + r.outcome,
        r.counts.missing + ' missing, ' + r.counts.unexpected + ' unexpected, ' + r.counts.held + ' held']
        .forEach(v => tr.appendChild(el('td', v)));
      const a = el('a', 'report ' + short(r.runId));
      a.href = r.link + (key ? '&code=' + encodeURIComponent(key) : '');
      tr.appendChild(el('td')).appendChild(a);
      body.appendChild(tr);
    });
    if (!answer.runs.length) body.appendChild(el('tr')).appendChild(el('td', 'No drift run kept yet.'));
  }

  function failed(id, what) {
    return e => { $(id).replaceChildren(); $(id).appendChild(el('tr')).appendChild(el('td', what + ' could not be read: ' + e.message)); };
  }

  $('filter').addEventListener('input', () => { page = 0; refresh(); });
  $('state').addEventListener('change', () => { page = 0; refresh(); });
  $('sort').addEventListener('click', () => {
    sort = sort === 1 ? -1 : 1;
    $('since-col').setAttribute('aria-sort', sort === 1 ? 'ascending' : 'descending');
    $('sort').textContent = 'Missing since ' + (sort === 1 ? '▲ oldest first' : '▼ newest first');
    refresh();
  });
  $('prev').addEventListener('click', () => { page--; render(); });
  $('next').addEventListener('click', () => { page++; render(); });

  get('coverage').then(c => { header(c); matrix(c); }).catch(e => {
    $('summary').className = 'summary warn';
    $('summary').textContent = '⚠ Coverage unknown: ' + e.message;
  });
  get('listChanges?top=20').then(changes).catch(failed('changes', 'The change journal'));
  get('listDriftRuns?top=10').then(runs).catch(failed('runs', 'The kept drift runs'));
})();
