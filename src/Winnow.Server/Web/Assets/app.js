// Winnow labelling page. Keyboard first; every piece of dataset text is written with textContent, never as markup.
(() => {
  'use strict';
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
  const root = document.getElementById('labeller');
  if (!root) return;
  const $ = id => document.getElementById(id);
  const project = root.dataset.project;
  const spanMode = root.dataset.kind === 'spans';
  const DEFAULT_KEYS = { submit: 'Enter', skip: 's', undo: 'u', accept: 'a', search: '/' };
  const storedKeys = () => { try { return JSON.parse(localStorage.getItem('winnow.hotkeys') || '{}'); } catch { return {}; } };
  let keys = { ...DEFAULT_KEYS, ...storedKeys() };

  let item = null, shownAt = 0, requestKey = '', choices = [], active = 0, spans = [], picked = -1, labelled = 0, busy = false;

  const randomKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
  const query = () => '?project=' + encodeURIComponent(project);
  const say = text => { $('status').textContent = text; };

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') headers['X-CSRF-TOKEN'] = csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (path.includes('/annotations')) headers['Idempotency-Key'] = requestKey;
    const r = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    if (r.status === 401) { location.href = '/signin'; throw new Error('signed out'); }
    return r;
  }

  async function next() {
    const r = await api('GET', '/api/next' + query());
    if (r.status === 204) { item = null; $('item').hidden = true; $('done').hidden = false; return; }
    item = await r.json();
    shownAt = Date.now();
    requestKey = randomKey();
    spans = [];
    picked = -1;
    $('label-search').value = '';
    $('done').hidden = true;
    $('item').hidden = false;
    render();
  }

  // ---- rendering

  function render() {
    $('item-id').textContent = item.extId;
    $('issue').hidden = !item.labelIssue;
    renderText();
    const s = $('suggestions');
    s.replaceChildren();
    item.suggestions.filter(x => x.label).forEach((x, i) => {
      const el = document.createElement('span');
      el.className = 'suggestion';
      el.textContent = `${i < 9 && !spanMode ? (i + 1) + ' ' : ''}${x.label} ${x.confidence == null ? '' : x.confidence.toFixed(2)} · ${x.source}`;
      s.append(el);
    });
    const suggested = suggestedSpans();
    if (spanMode && suggested.length) {
      const el = document.createElement('span');
      el.className = 'suggestion';
      el.id = 'span-hint';
      el.textContent = `${suggested.length} suggested spans: press ${keyName(keys.accept)} to accept`;
      s.append(el);
    }
    renderChoices();
    renderKeys();
  }

  function suggestedSpans() {
    return item.suggestions.flatMap(x => x.spans || []);
  }

  function renderText() {
    const box = $('text');
    box.replaceChildren();
    if (!spanMode) { box.textContent = item.text; return; }
    const shown = spans.map((sp, i) => ({ ...sp, i, kind: 'span' }));
    if (!spans.length) suggestedSpans().forEach(sp => shown.push({ ...sp, i: -1, kind: 'suggested' }));
    shown.sort((a, b) => a.start - b.start);
    let at = 0;
    for (const sp of shown) {
      if (sp.start < at) continue; // overlapping suggestion: show the first
      box.append(document.createTextNode(item.text.slice(at, sp.start)));
      const mark = document.createElement('mark');
      mark.textContent = item.text.slice(sp.start, sp.end);
      mark.dataset.label = sp.label;
      mark.className = sp.kind + (sp.i === picked && sp.i >= 0 ? ' picked' : '');
      if (sp.i >= 0) mark.addEventListener('click', () => { picked = sp.i; renderText(); });
      box.append(mark);
      at = sp.end;
    }
    box.append(document.createTextNode(item.text.slice(at)));
    const list = $('spans');
    list.hidden = false;
    list.replaceChildren();
    spans.forEach((sp, i) => {
      const el = document.createElement('span');
      el.className = 'span-chip' + (i === picked ? ' picked' : '');
      el.textContent = `${sp.label}: ${item.text.slice(sp.start, sp.end)}`;
      el.addEventListener('click', () => { picked = i; renderText(); });
      list.append(el);
    });
  }

  /** The label list: suggestions first (most confident first), then the rest; filtered by the search box. */
  function renderChoices() {
    const filter = $('label-search').value.trim().toLowerCase();
    const top = item.suggestions.map(x => x.label).filter(l => l && item.labels.includes(l));
    const ordered = spanMode ? item.labels : [...new Set([...top, ...item.labels])];
    choices = ordered.filter(l => !filter || l.toLowerCase().includes(filter));
    active = Math.min(active, Math.max(0, choices.length - 1));
    if (!filter) active = 0;
    const list = $('label-list');
    list.replaceChildren();
    choices.forEach((label, i) => {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.className = i === active ? 'active' : '';
      li.dataset.label = label;
      const key = document.createElement('kbd');
      key.textContent = i < 9 ? String(i + 1) : '';
      li.append(key, document.createTextNode(' ' + label));
      li.addEventListener('click', () => spanMode ? applyEntity(label) : submitLabel(label));
      list.append(li);
    });
  }

  const keyName = k => k === ' ' ? 'Space' : k;

  function renderKeys() {
    const rows = [
      ['1–9', spanMode ? 'entity type for the selected text (or the picked span)' : 'choose that label and submit'],
      [keyName(keys.submit), spanMode ? 'submit the spans and go on' : 'submit the highlighted label and go on'],
      ['↑ ↓', 'move through the labels'],
      [keyName(keys.search), 'search labels (type, then ' + keyName(keys.submit) + ')'],
      [keyName(keys.skip), 'skip'],
      [keyName(keys.undo), 'undo your last label'],
    ];
    if (spanMode) rows.push([keyName(keys.accept), 'accept the suggested spans'], ['Delete', 'delete the picked span'], ['Esc', 'unpick']);
    const t = $('hotkey-table');
    t.replaceChildren();
    for (const [k, what] of rows) {
      const tr = document.createElement('tr');
      const a = document.createElement('td'); const kb = document.createElement('kbd'); kb.textContent = k; a.append(kb);
      const b = document.createElement('td'); b.textContent = what;
      tr.append(a, b);
      t.append(tr);
    }
    const form = $('hotkey-form');
    for (const name of Object.keys(DEFAULT_KEYS)) form.elements[name].value = keys[name];
  }

  // ---- actions

  async function submitLabel(label) {
    if (!item || busy) return;
    await send({ label, seconds: (Date.now() - shownAt) / 1000 }, label);
  }

  async function submitSpans() {
    if (!item || busy) return;
    await send({ spans, seconds: (Date.now() - shownAt) / 1000 }, spans.length + ' spans');
  }

  async function send(body, what) {
    busy = true;
    try {
      const r = await api('POST', `/api/items/${item.id}/annotations`, body);
      if (r.ok) { labelled++; say(`Saved ${what} for ${item.extId}. ${labelled} labelled this session.`); await next(); }
      else say('Not saved: ' + ((await r.json().catch(() => ({}))).error || r.status));
    } finally { busy = false; }
  }

  async function skip() {
    if (!item || busy) return;
    busy = true;
    try { await api('POST', `/api/items/${item.id}/skip`); say(`Skipped ${item.extId}.`); await next(); } finally { busy = false; }
  }

  async function undo() {
    if (busy) return;
    busy = true;
    try {
      const r = await api('POST', '/api/undo' + query());
      if (r.ok) { labelled = Math.max(0, labelled - 1); say('Undone: the item is back.'); await next(); } else say('Nothing to undo.');
    } finally { busy = false; }
  }

  function selectionOffsets() {
    const sel = window.getSelection();
    const box = $('text');
    if (!sel || sel.isCollapsed || !box.contains(sel.anchorNode) || !box.contains(sel.focusNode)) return null;
    const r = sel.getRangeAt(0);
    const at = (node, offset) => { const x = document.createRange(); x.selectNodeContents(box); x.setEnd(node, offset); return x.toString().length; };
    let start = at(r.startContainer, r.startOffset), end = at(r.endContainer, r.endOffset);
    while (start < end && /\s/.test(item.text[start])) start++;
    while (end > start && /\s/.test(item.text[end - 1])) end--;
    return end > start ? { start, end } : null;
  }

  function applyEntity(label) {
    const range = selectionOffsets();
    if (range) {
      spans = spans.filter(s => s.end <= range.start || s.start >= range.end);
      spans.push({ start: range.start, end: range.end, label });
      spans.sort((a, b) => a.start - b.start);
      picked = spans.findIndex(s => s.start === range.start);
      window.getSelection().removeAllRanges();
    } else if (picked >= 0) {
      spans[picked] = { ...spans[picked], label };
    } else { say('Select some text first, then press the entity key.'); return; }
    renderText();
  }

  function acceptSuggested() {
    const merged = [...spans];
    for (const s of suggestedSpans()) if (!merged.some(m => m.start < s.end && s.start < m.end)) merged.push({ start: s.start, end: s.end, label: s.label });
    spans = merged.sort((a, b) => a.start - b.start);
    const hint = $('span-hint');
    if (hint) hint.textContent = 'suggested spans accepted';
    renderText();
  }

  // ---- keys

  document.addEventListener('keydown', e => {
    if (!item && e.key !== keys.undo) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const inSearch = document.activeElement === $('label-search');
    const inOtherField = !inSearch && e.target instanceof HTMLElement && e.target.closest('input, select, textarea, button, form#hotkey-form');
    if (inOtherField && e.key !== 'Escape') return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      active = Math.max(0, Math.min(choices.length - 1, active + (e.key === 'ArrowDown' ? 1 : -1)));
      [...$('label-list').children].forEach((li, i) => li.className = i === active ? 'active' : '');
      e.preventDefault();
      return;
    }
    if (e.key === keys.submit) {
      e.preventDefault();
      if (spanMode) {
        if (inSearch && choices[active]) { applyEntity(choices[active]); $('label-search').blur(); }
        else submitSpans();
      } else if (choices[active]) submitLabel(choices[active]);
      if (inSearch) { $('label-search').value = ''; $('label-search').blur(); }
      return;
    }
    if (e.key === 'Escape') { $('label-search').blur(); picked = -1; if (item) renderText(); return; }
    if (inSearch) return; // typing filters the labels
    if (/^[1-9]$/.test(e.key)) {
      const label = choices[Number(e.key) - 1];
      if (label) { e.preventDefault(); spanMode ? applyEntity(label) : submitLabel(label); }
      return;
    }
    if (e.key === keys.search) { e.preventDefault(); $('label-search').focus(); return; }
    if (e.key === keys.skip) { e.preventDefault(); skip(); return; }
    if (e.key === keys.undo) { e.preventDefault(); undo(); return; }
    if (spanMode && e.key === keys.accept) { e.preventDefault(); acceptSuggested(); return; }
    if (spanMode && (e.key === 'Delete' || e.key === 'Backspace') && picked >= 0) {
      e.preventDefault(); spans.splice(picked, 1); picked = -1; renderText();
    }
  });

  $('label-search').addEventListener('input', () => { active = 0; renderChoices(); });
  $('submit').addEventListener('click', () => spanMode ? submitSpans() : choices[active] && submitLabel(choices[active]));
  $('skip').addEventListener('click', skip);
  $('undo').addEventListener('click', undo);
  $('hotkey-form').addEventListener('submit', e => {
    e.preventDefault();
    const form = e.target;
    const chosen = Object.fromEntries(Object.keys(DEFAULT_KEYS).map(k => [k, form.elements[k].value || DEFAULT_KEYS[k]]));
    const taken = Object.values(chosen);
    if (new Set(taken).size !== taken.length || taken.some(k => /^[1-9]$/.test(k))) { say('Each action needs its own key, and digits are for labels.'); return; }
    keys = chosen;
    localStorage.setItem('winnow.hotkeys', JSON.stringify(keys));
    say('Hotkeys saved.');
    if (item) renderKeys();
  });
  $('hotkey-reset').addEventListener('click', () => { keys = { ...DEFAULT_KEYS }; localStorage.removeItem('winnow.hotkeys'); if (item) renderKeys(); });

  next().catch(err => say('Could not load the next item: ' + err.message));
})();
