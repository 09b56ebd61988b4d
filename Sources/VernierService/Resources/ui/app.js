// Vernier's browser view: devices, the job queue, searches and predictions over the service's
// JSON API. No framework and no build step. Every text from the API goes in through textContent.
'use strict';

(() => {
  const TOKEN_KEY = 'vernier.token';
  const POLL_MS = 2000;
  const MAX_JOB_ROWS = 200;
  const FINISHED = new Set(['done', 'failed', 'cancelled']);

  const state = {
    devices: [],
    coverage: new Map(), // device id → coverage rows
    calibrations: new Map(), // device id → calibrated models with held-out figures
    serverOffsetMs: 0, // server clock − this clock, from the Date header
    jobsBusy: false,
    jobsStatus: '',
    searches: [],
    searchesBusy: false,
    current: null, // id of the search shown under the form
    plotFor: null, // id whose plot is shown (or being loaded)
    plotURL: null,
    rooflineURLs: [],
  };

  const $ = (selector, root = document) => root.querySelector(selector);

  /** An element with attributes (`text` sets its text, `dataset` its data-*) and children. */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') node.textContent = String(value);
      else if (name === 'dataset') Object.assign(node.dataset, value);
      else if (name === 'className') node.className = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // MARK: - API

  function token() {
    try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch (_) { return ''; }
  }

  /** An API failure: the HTTP status and the service's `{"error"}` message. */
  class APIError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /** Calls the API with the token (if any); JSON in and out unless `raw`. */
  async function api(path, { method = 'GET', json, raw = false } = {}) {
    const headers = new Headers({ Accept: raw ? '*/*' : 'application/json' });
    const secret = token();
    if (secret) headers.set('Authorization', 'Bearer ' + secret);
    let body;
    if (json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(json);
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body, cache: 'no-store' });
    } catch (error) {
      throw new APIError(0, 'the server does not answer (' + error.message + ')');
    }
    const date = Date.parse(response.headers.get('Date') || '');
    if (!Number.isNaN(date)) state.serverOffsetMs = date - Date.now();
    if (!response.ok) {
      let message = response.status + ' ' + response.statusText;
      try {
        const reply = await response.json();
        if (reply && typeof reply.error === 'string') message = reply.error;
      } catch (_) { /* not JSON */ }
      throw new APIError(response.status, message);
    }
    if (raw) return response;
    if (response.status === 204) return null;
    return response.json();
  }

  // MARK: - Alerts

  /** Shows an API error in the alert region (unchanged text is not announced again). */
  function showError(what, error) {
    let text = what + ': ' + (error && error.message ? error.message : String(error));
    if (error && error.status === 401) text += ' Enter a token above.';
    const alert = $('#alert');
    if (alert.textContent !== text) alert.textContent = text;
  }

  function clearError() {
    $('#alert').textContent = '';
  }

  // MARK: - Formatting

  function number(value, digits = 3) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
    if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en');
    return Number(value.toPrecision(digits)).toString();
  }

  function bytes(value) {
    if (typeof value !== 'number' || value <= 0) return '—';
    const gib = value / (1 << 30);
    return gib >= 1 ? number(gib) + ' GiB' : number(value / (1 << 20)) + ' MiB';
  }

  function shortId(id) {
    return String(id).slice(0, 8);
  }

  function seconds(ms) {
    const s = Math.round(Math.abs(ms) / 1000);
    if (s < 120) return s + ' s';
    if (s < 7200) return Math.round(s / 60) + ' min';
    return Math.round(s / 3600) + ' h';
  }

  function badge(text) {
    return el('span', { className: 'badge badge-' + text, text });
  }

  // MARK: - Token

  function renderToken() {
    const has = token() !== '';
    $('#token-status').textContent = has
      ? 'Token set for this tab: writes are allowed as far as the token allows.'
      : 'Read-only: no token.';
    $('#search-submit').disabled = !has;
    $('#search-needs-token').hidden = has;
  }

  function setupToken() {
    $('#token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = $('#token-input');
      const value = input.value.trim();
      if (!value) return;
      try { sessionStorage.setItem(TOKEN_KEY, value); } catch (_) { /* storage off */ }
      input.value = '';
      clearError();
      renderToken();
      refreshAll();
    });
    $('#token-forget').addEventListener('click', () => {
      try { sessionStorage.removeItem(TOKEN_KEY); } catch (_) { /* storage off */ }
      clearError();
      renderToken();
      refreshAll();
    });
    renderToken();
  }

  // MARK: - Devices

  async function loadDevices() {
    let devices;
    try {
      devices = await api('/v1/devices');
    } catch (error) {
      $('#devices-status').textContent = 'Devices could not be read.';
      showError('Devices', error);
      return;
    }
    state.devices = devices;
    fillDeviceSelects();
    const coverage = await Promise.all(devices.map((device) =>
      api('/v1/devices/' + encodeURIComponent(device.id) + '/coverage').catch((error) => {
        showError('LUT coverage of ' + device.id, error);
        return [];
      })));
    devices.forEach((device, index) => state.coverage.set(device.id, coverage[index]));
    const calibrations = await Promise.all(devices.map((device) =>
      api('/v1/devices/' + encodeURIComponent(device.id) + '/calibrations').catch((error) => {
        showError('Calibrations of ' + device.id, error);
        return [];
      })));
    devices.forEach((device, index) => state.calibrations.set(device.id, calibrations[index]));
    renderDevices();
  }

  function fillDeviceSelects() {
    for (const id of ['#search-device', '#predict-device', '#jobs-device']) {
      const select = $(id);
      const chosen = select.value;
      const keepAll = id === '#jobs-device';
      select.replaceChildren();
      if (keepAll) select.append(el('option', { value: '', text: 'All devices' }));
      for (const device of state.devices) select.append(el('option', { value: device.id, text: device.id }));
      if ([...select.options].some((option) => option.value === chosen)) select.value = chosen;
    }
  }

  function renderDevices() {
    const devices = state.devices;
    $('#devices-status').textContent = devices.length === 0
      ? 'No devices yet: run `vernier device probe`, an agent, or POST /v1/devices.'
      : devices.length + (devices.length === 1 ? ' device.' : ' devices.');
    const tbody = $('#devices tbody');
    tbody.replaceChildren(...devices.map((device) => el('tr', { dataset: { device: device.id } },
      el('th', { scope: 'row' }, el('a', { href: '#device-' + device.id, text: device.id })),
      el('td', { text: device.cpuModel || '—' }),
      el('td', { text: (device.cores ?? '—') + ' / ' + (device.threads ?? '—') }),
      el('td', { text: bytes(device.memoryBytes) }),
      el('td', { text: device.os || '—' }),
      el('td', { text: device.roofline ? 'yes' : 'no' }),
      el('td', { text: device.source ? 'imported (' + device.source + ')' : (device.probedAt || '—') }))));
    for (const url of state.rooflineURLs) URL.revokeObjectURL(url);
    state.rooflineURLs = [];
    $('#device-details').replaceChildren(...devices.map(deviceDetails));
  }

  function deviceDetails(device) {
    const article = el('article', { className: 'device', id: 'device-' + device.id, dataset: { device: device.id },
      'aria-labelledby': 'device-heading-' + device.id });
    article.append(el('h3', { id: 'device-heading-' + device.id, text: device.id }));
    const facts = el('dl', { className: 'facts' });
    const fact = (name, value) => facts.append(el('dt', { text: name }), el('dd', { text: value }));
    fact('CPU', device.cpuModel || '—');
    fact('Architecture', device.architecture || '—');
    fact('Cores / threads', (device.cores ?? '—') + ' / ' + (device.threads ?? '—'));
    if (device.clockMHz) fact('Clock', number(device.clockMHz, 4) + ' MHz');
    fact('Memory', bytes(device.memoryBytes));
    fact('OS', [device.os, device.kernel].filter(Boolean).join(', ') || '—');
    fact('Virtualized', device.virtualized ? 'yes' : 'no');
    const counters = (device.counters || []).filter((counter) => counter.available).map((counter) => counter.name);
    fact('Counters available', counters.length ? counters.join(', ') : 'none');
    if (device.timeBases && device.timeBases.length) {
      fact('Time bases', device.timeBases.map((base) => base.backend + ' ' + number(base.referenceMs) + ' ms').join(', '));
    }
    if (device.source) fact('Imported from', device.source);
    else fact('Probed', device.probedAt || '—');
    article.append(facts);
    article.append(rooflineFigure(device));
    article.append(coverageTable(device));
    article.append(calibrationTable(device));
    return article;
  }

  function rooflineFigure(device) {
    const section = el('div', { className: 'roofline', dataset: { testid: 'roofline' } });
    section.append(el('h4', { text: 'Roofline' }));
    const roofline = device.roofline;
    if (!roofline) {
      section.append(el('p', { className: 'no-roofline', dataset: { testid: 'no-roofline' },
        text: 'No roofline in this profile: run `vernier roofline` on the device.' }));
      return section;
    }
    const dram = roofline.bandwidthGBs ? roofline.bandwidthGBs.DRAM : undefined;
    const summary = 'peak ' + number(roofline.peakGflopsOneCore) + ' GFLOP/s on one core, ' +
      number(roofline.peakGflopsAllCores) + ' GFLOP/s on ' + roofline.threads + ' threads, DRAM ' +
      number(dram) + ' GB/s, ridge at ' + number(roofline.ridgeFlopsPerByte) + ' FLOP/byte';
    const figure = el('figure');
    const image = el('img', { alt: 'Roofline plot of ' + device.id + ': ' + summary, dataset: { testid: 'roofline-img' } });
    const caption = el('figcaption', { text: 'Roofline of ' + device.id });
    figure.append(image, caption);
    const numbers = el('dl', { className: 'facts' });
    const fact = (name, value) => numbers.append(el('dt', { text: name }), el('dd', { text: value }));
    fact('Peak, one core', number(roofline.peakGflopsOneCore) + ' GFLOP/s');
    fact('Peak, all cores (' + roofline.threads + ' threads)', number(roofline.peakGflopsAllCores) + ' GFLOP/s');
    fact('SGEMM', number(roofline.sgemmGflops) + ' GFLOP/s (' + roofline.sgemmShape + ')');
    fact('DRAM bandwidth', number(dram) + ' GB/s');
    fact('Ridge point', number(roofline.ridgeFlopsPerByte) + ' FLOP/byte');
    if (roofline.peakInstructionSet) fact('Instruction set', roofline.peakInstructionSet);
    section.append(el('div', { className: 'roofline-body' }, figure, numbers));
    loadImage(image, '/v1/devices/' + encodeURIComponent(device.id) + '/roofline.svg', (url) => {
      if (!image.isConnected) return false; // the devices were drawn again meanwhile
      state.rooflineURLs.push(url);
      return true;
    }, (error) => {
      caption.textContent = 'Roofline plot unavailable: ' + error.message;
    });
    return section;
  }

  /**
   * Loads an image through the API (so that the token goes with it) into `image`; `keep(url)`
   * says whether it is still wanted (the object URL is released otherwise).
   */
  function loadImage(image, path, keep, failed) {
    api(path, { raw: true })
      .then((response) => response.blob())
      .then((blob) => {
        const url = URL.createObjectURL(blob);
        if (!keep(url)) {
          URL.revokeObjectURL(url);
          return;
        }
        image.src = url;
      })
      .catch((error) => {
        image.hidden = true;
        failed(error);
      });
  }

  function coverageTable(device) {
    const rows = state.coverage.get(device.id) || [];
    const wrapper = el('div', { className: 'coverage' });
    wrapper.append(el('h4', { text: 'LUT coverage' }));
    if (rows.length === 0) {
      wrapper.append(el('p', { text: 'No LUT entries for this device yet.' }));
      return wrapper;
    }
    const table = el('table', { dataset: { testid: 'coverage-table' } },
      el('caption', { text: 'Distinct layers at each space\'s default resolution with a LUT entry, on ' + device.id }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'Space' }), el('th', { scope: 'col', text: 'Backend' }),
        el('th', { scope: 'col', text: 'Resolution' }), el('th', { scope: 'col', text: 'Entries' }),
        el('th', { scope: 'col', text: 'Layers' }), el('th', { scope: 'col', text: 'Coverage' }))),
      el('tbody', {}, ...rows.map((row) => {
        const share = row.layers > 0 ? row.entries / row.layers : 0;
        return el('tr', {},
          el('th', { scope: 'row', text: row.space }),
          el('td', { text: row.backend }),
          el('td', { text: row.resolution + ' px' }),
          el('td', { className: 'num', text: row.entries }),
          el('td', { className: 'num', text: row.layers }),
          el('td', {}, el('progress', { max: row.layers, value: row.entries, 'aria-hidden': 'true' }),
            ' ' + Math.floor(share * 100) + ' %'));
      })));
    wrapper.append(table);
    return wrapper;
  }

  function calibrationTable(device) {
    const rows = state.calibrations.get(device.id) || [];
    const wrapper = el('div', { className: 'calibrations' });
    wrapper.append(el('h4', { text: 'Calibrations' }));
    if (rows.length === 0) {
      wrapper.append(el('p', { text: 'No calibrated model for this device on the server.' }));
      return wrapper;
    }
    const percent = (value) => (value === null || value === undefined ? '—' : number(value * 100, 3) + ' %');
    const table = el('table', { dataset: { testid: 'calibrations-table' } },
      el('caption', { text: 'Calibrated models of ' + device.id + ' with their held-out figures' }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'Space' }), el('th', { scope: 'col', text: 'Source' }),
        el('th', { scope: 'col', text: 'Fit' }), el('th', { scope: 'col', text: 'Within ±10 %' }),
        el('th', { scope: 'col', text: 'Spearman ρ' }), el('th', { scope: 'col', text: 'Held-out archs' }))),
      el('tbody', {}, ...rows.map((row) => el('tr', {},
        el('th', { scope: 'row', text: row.space + ' (' + row.resolution + ' px)' }),
        el('td', { text: row.source }),
        el('td', { text: row.fit }),
        el('td', { className: 'num', text: percent(row.within_10pct) }),
        el('td', { className: 'num', text: row.spearman === null || row.spearman === undefined ? '—' : number(row.spearman, 3) }),
        el('td', { className: 'num', text: row.n_test === null || row.n_test === undefined ? '—' : row.n_test })))));
    wrapper.append(table);
    return wrapper;
  }

  // MARK: - Jobs

  async function loadJobs() {
    if (state.jobsBusy) return;
    state.jobsBusy = true;
    try {
      const query = new URLSearchParams();
      const device = $('#jobs-device').value;
      const wanted = $('#jobs-state').value;
      if (device) query.set('device', device);
      if (wanted) query.set('state', wanted);
      const jobs = await api('/v1/jobs' + (query.toString() ? '?' + query : ''));
      renderJobs(jobs);
    } catch (error) {
      showError('Jobs', error);
    } finally {
      state.jobsBusy = false;
    }
  }

  function renderJobs(jobs) {
    const newest = jobs.slice().reverse();
    const counts = {};
    for (const job of jobs) counts[job.state] = (counts[job.state] || 0) + 1;
    const parts = ['queued', 'leased', 'done', 'failed'].filter((name) => counts[name]).map((name) => counts[name] + ' ' + name);
    let text = jobs.length === 0 ? 'No jobs.' : jobs.length + (jobs.length === 1 ? ' job: ' : ' jobs: ') + parts.join(', ') + '.';
    if (jobs.length > MAX_JOB_ROWS) text += ' Showing the newest ' + MAX_JOB_ROWS + '.';
    // The live region speaks only when the queue changes, not at every refresh.
    if (text !== state.jobsStatus) {
      state.jobsStatus = text;
      $('#jobs-status').textContent = text;
    }
    $('#jobs-updated').textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB') + '.';
    const now = Date.now() + state.serverOffsetMs;
    $('#jobs tbody').replaceChildren(...newest.slice(0, MAX_JOB_ROWS).map((job) => jobRow(job, now)));
  }

  function jobRow(job, now) {
    let lease = '—';
    if (job.state === 'leased' && job.lease_expires_at) {
      const left = Date.parse(job.lease_expires_at) - now;
      lease = left >= 0 ? 'expires in ' + seconds(left) : 'lapsed ' + seconds(left) + ' ago';
    }
    const parameters = job.parameters || {};
    let progress;
    if (job.kind === 'measure' && parameters.count) {
      progress = el('span', {},
        el('progress', { max: parameters.count, value: Math.min(job.stored, parameters.count), 'aria-hidden': 'true' }),
        ' ' + job.stored + ' of ' + parameters.count + ' archs');
    } else {
      progress = el('span', { text: job.stored + (job.kind === 'profile' ? ' layers stored' : ' stored') });
    }
    return el('tr', { dataset: { jobId: job.id, state: job.state } },
      el('th', { scope: 'row' }, el('code', { title: job.id, text: shortId(job.id) })),
      el('td', { text: job.device }),
      el('td', { text: job.kind }),
      el('td', { text: job.space + (parameters.resolution ? ' @ ' + parameters.resolution + ' px' : '') }),
      el('td', {}, badge(job.state)),
      el('td', { text: job.lease_owner || '—' }),
      el('td', { text: lease }),
      el('td', { className: 'num', text: job.attempts }),
      el('td', {}, progress),
      el('td', { className: 'error-text', text: job.error || '' }));
  }

  // MARK: - Searches

  async function loadSearches() {
    if (state.searchesBusy) return;
    state.searchesBusy = true;
    try {
      state.searches = await api('/v1/search');
      renderSearches();
    } catch (error) {
      showError('Searches', error);
    } finally {
      state.searchesBusy = false;
    }
  }

  /** Whether a search is queued or running, so that the list is polled. */
  function searchesActive() {
    return state.searches.some((search) => !FINISHED.has(search.state));
  }

  function renderSearches() {
    const searches = state.searches;
    $('#searches-status').textContent = searches.length === 0
      ? 'No searches since the server started.'
      : searches.length + (searches.length === 1 ? ' search' : ' searches') +
        (searchesActive() ? '; refreshing every 2 s while some are queued or running.' : '.');
    $('#searches tbody').replaceChildren(...searches.map((search) => {
      const request = search.request || {};
      const best = search.best;
      const show = el('button', { type: 'button', className: 'link', text: 'Show',
        'aria-label': 'Show search ' + shortId(search.id) });
      show.addEventListener('click', () => {
        state.current = search.id;
        renderCurrent();
        $('#search-status').focus();
      });
      return el('tr', { dataset: { searchId: search.id, state: search.state } },
        el('th', { scope: 'row' }, el('code', { title: search.id, text: shortId(search.id) })),
        el('td', { text: request.device || '—' }),
        el('td', { text: request.space || '—' }),
        el('td', { text: request.strategy || '—' }),
        el('td', {}, badge(search.state)),
        el('td', { className: 'num', text: search.evaluations ?? '—' }),
        el('td', { className: 'num', text: best ? number(best.accuracy, 4) : '—' }),
        el('td', { className: 'num', text: best ? number(best.latency_ms, 4) : '—' }),
        el('td', {}, best ? el('code', { className: 'arch', text: best.arch }) : '—'),
        el('td', {}, show));
    }));
    renderCurrent();
  }

  /** The search under the form: its state, best arch and plot. */
  function renderCurrent() {
    const status = $('#search-status');
    const bestList = $('#search-best');
    const image = $('#search-plot');
    const search = state.searches.find((candidate) => candidate.id === state.current);
    if (!search) {
      if (state.current) status.textContent = 'Search ' + shortId(state.current) + ': waiting for the list…';
      return;
    }
    const request = search.request || {};
    let text = 'Search ' + shortId(search.id) + ' (' + request.space + ', ' + request.strategy + ' on ' + request.device +
      '): ' + search.state;
    if (search.evaluations !== undefined) text += ', ' + search.evaluations + ' evaluations';
    if (search.error) text += ' — ' + search.error;
    text += '.';
    if (status.textContent !== text) status.textContent = text;
    status.dataset.state = search.state;
    status.dataset.searchId = search.id;

    if (search.best) {
      bestList.replaceChildren(
        el('dt', { text: 'Best arch' }), el('dd', {}, el('code', { className: 'arch', text: search.best.arch })),
        el('dt', { text: 'Accuracy' }), el('dd', { text: number(search.best.accuracy, 4) + ' (' + request.accuracy + ')' }),
        el('dt', { text: 'Latency' }), el('dd', { text: number(search.best.latency_ms, 4) + ' ms' +
          (request.budget_ms ? ' (budget ' + number(request.budget_ms) + ' ms)' : '') }));
      bestList.hidden = false;
    } else {
      bestList.replaceChildren();
      bestList.hidden = true;
    }

    if (search.plot && state.plotFor !== search.id) {
      state.plotFor = search.id;
      image.hidden = true;
      image.alt = 'Pareto plot of search ' + shortId(search.id) + ': accuracy against latency of every evaluated arch' +
        (search.best ? ', best ' + number(search.best.accuracy, 4) + ' at ' + number(search.best.latency_ms, 4) + ' ms' : '');
      const id = search.id;
      loadImage(image, search.plot, (url) => {
        if (state.plotFor !== id) return false;
        if (state.plotURL) URL.revokeObjectURL(state.plotURL);
        state.plotURL = url;
        image.hidden = false;
        return true;
      }, (error) => {
        if (state.plotFor === id) state.plotFor = null;
        showError('Plot of search ' + shortId(id), error);
      });
    } else if (!search.plot) {
      state.plotFor = null;
      image.hidden = true;
      image.removeAttribute('src');
    }
  }

  function setupSearchForm() {
    $('#search-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      clearError();
      const body = {
        device: $('#search-device').value,
        space: $('#search-space').value,
        strategy: $('#search-strategy').value,
        accuracy: $('#search-accuracy').value.trim(),
        predictor: $('#search-predictor').value,
        evaluations: Number.parseInt($('#search-evaluations').value, 10),
      };
      const budget = $('#search-budget').value.trim();
      if (budget !== '') body.budget_ms = Number(budget);
      if (!body.device) {
        showError('Search', new Error('there is no device to search for'));
        return;
      }
      const button = $('#search-submit');
      button.disabled = true;
      try {
        const started = await api('/v1/search', { method: 'POST', json: body });
        state.current = started.id;
        state.plotFor = null;
        $('#search-status').textContent = 'Search ' + shortId(started.id) + ' started: ' + started.state + '.';
        await loadSearches();
      } catch (error) {
        showError('Search', error);
      } finally {
        button.disabled = token() === '';
      }
    });
  }

  // MARK: - Predict

  function setupPredictForm() {
    $('#predict-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      clearError();
      const sampleText = $('#predict-sample').value.trim();
      const sample = sampleText === '' ? null : Number.parseInt(sampleText, 10);
      const archs = sample === null
        ? $('#predict-archs').value.split('\n').map((line) => line.trim()).filter((line) => line !== '')
        : [];
      const body = {
        device: $('#predict-device').value,
        space: $('#predict-space').value,
        predictor: $('#predict-predictor').value,
      };
      if (sample === null) body.archs = archs; else body.sample = sample;
      const backend = $('#predict-backend').value.trim();
      if (backend) body.backend = backend;
      const resolution = $('#predict-resolution').value.trim();
      if (resolution !== '') body.resolution = Number.parseInt(resolution, 10);
      const status = $('#predict-status');
      if (sample === null && archs.length === 0) {
        showError('Predict', new Error('enter at least one architecture, or how many to sample'));
        return;
      }
      const count = sample === null ? archs.length : sample;
      status.textContent = 'Predicting ' + count + (count === 1 ? ' arch…' : ' archs…');
      try {
        const reply = await api('/v1/predict', { method: 'POST', json: body });
        renderPredictions(reply.archs || archs, reply);
        status.textContent = reply.latency_ms.length + ' latencies from the ' + reply.predictor + ' predictor of ' +
          reply.device + '.';
      } catch (error) {
        status.textContent = 'No prediction.';
        showError('Predict', error);
      }
    });
  }

  function renderPredictions(archs, reply) {
    const table = $('#predict-results');
    $('caption', table).textContent = 'Predicted latencies on ' + reply.device + ' (' + reply.space + ', ' + reply.predictor + ')';
    $('tbody', table).replaceChildren(...reply.latency_ms.map((latency, index) => el('tr', {},
      el('th', { scope: 'row', className: 'num', text: index + 1 }),
      el('td', {}, el('code', { className: 'arch', text: archs[index] })),
      el('td', { className: 'num', text: number(latency, 4) }))));
    table.hidden = false;
  }

  // MARK: - Start

  function refreshAll() {
    loadDevices();
    loadJobs();
    loadSearches();
  }

  function start() {
    setupToken();
    setupSearchForm();
    setupPredictForm();
    $('#devices-refresh').addEventListener('click', () => {
      clearError();
      loadDevices();
    });
    $('#jobs-filter').addEventListener('change', () => {
      state.jobsStatus = '';
      loadJobs();
    });
    $('#jobs-filter').addEventListener('submit', (event) => event.preventDefault());
    $('#search-status').setAttribute('tabindex', '-1');
    refreshAll();
    setInterval(loadJobs, POLL_MS);
    setInterval(() => {
      const current = state.searches.find((search) => search.id === state.current);
      const waiting = state.current && (!current || !FINISHED.has(current.state));
      if (searchesActive() || waiting) loadSearches();
    }, POLL_MS);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
