/*
 * Warden console. Plain script, no framework. Every znode name, path and value reaches the page
 * through textContent (never as HTML). The operator's credentials live in this script's memory
 * only: never in storage, cookies or the URL.
 */
'use strict';
(function () {
  var API = 'api/';
  var CSRF_HEADER = 'X-Warden-Console';
  var CHART_WINDOW = 120;
  var STATS_INTERVAL_MS = 1000;

  var credentials = null;      // "user:password" of the signed-in operator, or null
  var selectedPath = '/';
  var currentNode = null;      // the last node answer shown
  var activeTab = 'node';
  var samples = [];            // stats answers, newest last
  var points = { throughput: [], latency: [] };
  var pointCount = 0;

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function api(path, body) {
    var headers = { 'Accept': 'application/json' };
    if (credentials !== null) { headers['Authorization'] = 'digest ' + credentials; }
    var options = { method: 'GET', headers: headers, cache: 'no-store', credentials: 'same-origin' };
    if (body !== undefined) {
      options.method = 'POST';
      headers['Content-Type'] = 'application/json';
      headers[CSRF_HEADER] = '1';
      options.body = JSON.stringify(body);
    }
    return fetch(API + path, options).then(function (response) {
      return response.json().catch(function () { return { error: 'BAD_ANSWER', message: 'not JSON' }; })
        .then(function (json) { return { status: response.status, body: json }; });
    }, function (failure) {
      return { status: 0, body: { error: 'UNREACHABLE', message: String(failure) } };
    });
  }

  function problem(answer) {
    var b = answer.body || {};
    return answer.status + ' ' + (b.error || '') + (b.keeperError ? ' (' + b.keeperError + ')' : '') +
      (b.message ? ': ' + b.message : '');
  }

  function parentOf(path) {
    var slash = path.lastIndexOf('/');
    return slash <= 0 ? '/' : path.substring(0, slash);
  }

  function childPath(parent, name) {
    return parent === '/' ? '/' + name : parent + '/' + name;
  }

  // ------------------------------------------------------------------ tree

  function treeNodeElement(path, name, info) {
    var node = el('div', 'tree-node');
    node.setAttribute('data-path', path);
    node.setAttribute('role', 'treeitem');
    var row = el('div', 'tree-row');
    var toggle = el('span', 'tree-toggle', '');
    var label = el('span', 'tree-label', name);
    row.appendChild(toggle);
    row.appendChild(label);
    if (info && info.ephemeral) { row.appendChild(el('span', 'tree-ephemeral', 'eph')); }
    var count = el('span', 'tree-count', '');
    row.appendChild(count);
    var children = el('div', 'tree-children');
    children.hidden = true;
    node.appendChild(row);
    node.appendChild(children);
    setChildCount(node, info ? info.numChildren : null);
    toggle.addEventListener('click', function (event) {
      event.stopPropagation();
      if (children.hidden) { expand(node); } else { collapse(node); }
    });
    row.addEventListener('click', function () {
      select(path);
      if (children.hidden && node.getAttribute('data-children') !== '0') { expand(node); }
    });
    return node;
  }

  function setChildCount(node, numChildren) {
    var row = node.firstChild;
    var toggle = row.querySelector('.tree-toggle');
    var count = row.querySelector('.tree-count');
    var known = typeof numChildren === 'number';
    node.setAttribute('data-children', known ? String(numChildren) : '?');
    count.textContent = known && numChildren > 0 ? String(numChildren) : '';
    count.hidden = !(known && numChildren > 0);
    var open = !node.lastChild.hidden;
    toggle.textContent = known && numChildren === 0 ? '' : (open ? '\u25BE' : '\u25B8');
  }

  function collapse(node) {
    node.lastChild.hidden = true;
    setChildCount(node, numberOrNull(node.getAttribute('data-children')));
  }

  function numberOrNull(text) {
    return text === null || text === '?' ? null : Number(text);
  }

  /** Loads (again) the first page of a node's children and shows them. */
  function expand(node) {
    var path = node.getAttribute('data-path');
    var box = node.lastChild;
    clear(box);
    box.hidden = false;
    return loadChildren(node, path, null);
  }

  function loadChildren(node, path, after) {
    var box = node.lastChild;
    var query = 'children?path=' + encodeURIComponent(path) + (after ? '&after=' + encodeURIComponent(after) : '');
    return api(query).then(function (answer) {
      var more = box.querySelector(':scope > .tree-more');
      if (more) { box.removeChild(more); }
      if (answer.status !== 200) {
        box.appendChild(el('div', 'tree-error', problem(answer)));
        return;
      }
      answer.body.children.forEach(function (child) {
        box.appendChild(treeNodeElement(child.path, child.name, child));
      });
      setChildCount(node, answer.body.total);
      if (answer.body.next !== null) {
        var shown = box.querySelectorAll(':scope > .tree-node').length;
        var moreRow = el('div', 'tree-more');
        var button = el('button', 'link-button', 'show more (' + (answer.body.total - shown) + ' left)');
        button.type = 'button';
        button.addEventListener('click', function () { loadChildren(node, path, answer.body.next); });
        moreRow.appendChild(button);
        box.appendChild(moreRow);
      }
      markSelected();
    });
  }

  function findTreeNode(path) {
    var nodes = document.querySelectorAll('#tree .tree-node');
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].getAttribute('data-path') === path) { return nodes[i]; }
    }
    return null;
  }

  function markSelected() {
    var nodes = document.querySelectorAll('#tree .tree-node');
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].classList.toggle('selected', nodes[i].getAttribute('data-path') === selectedPath);
    }
  }

  /** Opens the tree down to a path (as far as its ancestors' first pages reach), then selects it. */
  function reveal(path) {
    var parts = path === '/' ? [] : path.substring(1).split('/');
    var chain = Promise.resolve();
    var prefix = '/';
    parts.forEach(function (part) {
      var parent = prefix;
      chain = chain.then(function () {
        var node = findTreeNode(parent);
        if (node && node.lastChild.hidden) { return expand(node); }
      });
      prefix = childPath(prefix, part);
    });
    return chain.then(function () {
      select(path);
      var node = findTreeNode(path);
      if (node) { node.scrollIntoView({ block: 'nearest' }); }
    });
  }

  /** Reloads the children shown under a path, keeping it open. */
  function refreshTreeNode(path) {
    var node = findTreeNode(path);
    if (node) { return expand(node); }
    return Promise.resolve();
  }

  // ------------------------------------------------------------------ node detail

  function select(path) {
    selectedPath = path;
    markSelected();
    showTab('node');
    return loadNode();
  }

  function loadNode() {
    var path = selectedPath;
    $('node-path').textContent = path;
    return api('node?path=' + encodeURIComponent(path)).then(function (answer) {
      if (path !== selectedPath) { return; }
      showNode(answer);
    });
  }

  function showNode(answer) {
    var body = answer.body || {};
    var message = $('node-message');
    var stat = $('node-stat');
    var aclBody = $('node-acl').tBodies[0];
    var data = $('node-data');
    clear(stat);
    clear(aclBody);
    $('acl-message').textContent = '';
    data.classList.remove('hex');
    currentNode = answer.status === 200 ? body : null;
    if (answer.status !== 200) {
      message.hidden = false;
      message.textContent = body.error === 'NONODE' ? 'No such node: ' + selectedPath : problem(answer);
      data.textContent = '';
      $('data-meta').textContent = '';
      return;
    }
    message.hidden = true;
    if (body.data) {
      data.textContent = body.data.value;
      if (body.data.encoding === 'hex') { data.classList.add('hex'); }
      $('data-meta').textContent = body.data.sizeBytes + ' bytes \u00B7 ' +
        (body.data.encoding === 'hex' ? 'hex (not text)' : body.data.encoding === 'null' ? 'null' : 'UTF-8') +
        (body.data.truncated ? ' \u00B7 cut to the first ' + body.data.value.length + ' characters' : '');
    } else {
      data.textContent = '';
      $('data-meta').textContent = 'not readable: ' + body.dataError + (credentials ? '' : ' (sign in to read as an operator)');
    }
    if (body.stat) {
      Object.keys(body.stat).forEach(function (key) {
        var tr = el('tr');
        tr.appendChild(el('td', null, key));
        var value = body.stat[key];
        if ((key === 'ctime' || key === 'mtime') && value > 0) {
          value = value + '  (' + new Date(value).toISOString().replace('T', ' ').replace('Z', ' UTC') + ')';
        }
        tr.appendChild(el('td', null, value));
        stat.appendChild(tr);
      });
    }
    if (body.acl) {
      body.acl.forEach(function (entry) {
        var tr = el('tr');
        tr.appendChild(el('td', null, entry.scheme));
        tr.appendChild(el('td', null, entry.id));
        tr.appendChild(el('td', null, entry.perms));
        aclBody.appendChild(tr);
      });
    } else {
      $('acl-message').textContent = 'not readable: ' + body.aclError;
    }
    fillEditForm(body);
    var node = findTreeNode(selectedPath);
    if (node && body.stat) { setChildCount(node, body.stat.numChildren); }
  }

  function fillEditForm(body) {
    var editable = body.data && !body.data.truncated;
    $('edit-data').value = editable ? body.data.value : '';
    $('edit-encoding').value = body.data && body.data.encoding === 'hex' ? 'hex' : 'utf8';
    $('edit-version').value = body.stat ? body.stat.version : -1;
    $('edit-acl').value = body.acl ? body.acl.map(function (a) {
      return a.scheme + ':' + a.id + ':' + a.perms;
    }).join('\n') : '';
    $('delete-node').disabled = selectedPath === '/';
  }

  function editStatus(text, ok) {
    var status = $('edit-status');
    status.textContent = text;
    status.className = 'status ' + (ok ? 'ok' : 'error');
  }

  function parseAcl(text) {
    return text.split('\n').map(function (line) { return line.trim(); }).filter(function (line) {
      return line.length > 0;
    }).map(function (line) {
      var first = line.indexOf(':');
      var last = line.lastIndexOf(':');
      if (first <= 0 || last === first) { throw new Error('"' + line + '" is not scheme:id:perms'); }
      return { scheme: line.substring(0, first), id: line.substring(first + 1, last), perms: line.substring(last + 1) };
    });
  }

  function edit(kind, body, done) {
    editStatus('working\u2026', true);
    return api('edit/' + kind, body).then(function (answer) {
      if (answer.status !== 200) {
        editStatus(problem(answer), false);
        return;
      }
      var b = answer.body;
      editStatus('ok: ' + kind + ' ' + b.path + ' at zxid ' + b.zxid +
        (b.stat ? ' (version ' + b.stat.version + ', acl version ' + b.stat.aversion + ')' : ''), true);
      return done(b);
    });
  }

  function version() {
    var v = parseInt($('edit-version').value, 10);
    return isNaN(v) ? -1 : v;
  }

  function wireEdits() {
    $('save-data').addEventListener('click', function () {
      edit('set', { path: selectedPath, data: $('edit-data').value, encoding: $('edit-encoding').value,
        version: version() }, function () { return loadNode(); });
    });
    $('create-child').addEventListener('click', function () {
      var name = $('child-name').value.trim();
      if (!name) { editStatus('name the new child first', false); return; }
      var parent = selectedPath;
      edit('create', { path: childPath(parent, name), data: $('edit-data').value, encoding: $('edit-encoding').value,
        mode: $('child-mode').value }, function (b) {
        $('child-name').value = '';
        return refreshTreeNode(parent).then(function () { return select(b.path); });
      });
    });
    $('delete-node').addEventListener('click', function () {
      var path = selectedPath;
      edit('delete', { path: path, version: version() }, function () {
        var parent = parentOf(path);
        return refreshTreeNode(parent).then(function () { return select(parent); });
      });
    });
    $('save-acl').addEventListener('click', function () {
      var acl;
      try { acl = parseAcl($('edit-acl').value); } catch (e) { editStatus(e.message, false); return; }
      var aversion = currentNode && currentNode.stat ? currentNode.stat.aversion : -1;
      edit('acl', { path: selectedPath, acl: acl, version: aversion }, function () { return loadNode(); });
    });
  }

  // ------------------------------------------------------------------ operator

  function wireLogin() {
    $('login-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var user = $('login-user').value.trim();
      var password = $('login-password').value;
      if (!user || !password || user.indexOf(':') >= 0) {
        editStatus('sign in with a user (no colon) and a password', false);
        return;
      }
      var previous = credentials;
      credentials = user + ':' + password;
      api('whoami').then(function (answer) {
        if (answer.status !== 200) {
          credentials = previous;
          editStatus('sign-in refused: ' + problem(answer), false);
          return;
        }
        $('login-password').value = '';
        $('operator-name').textContent = user;
        $('operator-name').title = answer.body.identities.join('\n');
        $('login-form').hidden = true;
        $('operator').hidden = false;
        $('edit-hint').textContent = 'Edits run as digest:' + user + '; znode ACLs decide.';
        $('edit-card').classList.remove('locked');
        editStatus('', true);
        loadNode();
      });
    });
    $('logout-button').addEventListener('click', function () {
      credentials = null;
      $('operator').hidden = true;
      $('login-form').hidden = false;
      $('edit-hint').textContent = 'Sign in as an operator to edit.';
      $('edit-card').classList.add('locked');
      loadNode();
    });
  }

  // ------------------------------------------------------------------ search

  function wireSearch() {
    $('search-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var query = $('search-input').value.trim();
      if (!query) { return; }
      api('search?q=' + encodeURIComponent(query)).then(function (answer) {
        var list = $('search-list');
        clear(list);
        $('search-results').hidden = false;
        if (answer.status !== 200) {
          $('search-summary').textContent = problem(answer);
          return;
        }
        var b = answer.body;
        $('search-summary').textContent = b.results.length + (b.results.length === 1 ? ' match' : ' matches') +
          (b.truncated ? ' (stopped after ' + b.visited + ' names; narrow the search)' : '');
        b.results.forEach(function (path) {
          var item = el('li', null, path);
          item.setAttribute('data-path', path);
          item.title = path;
          item.addEventListener('click', function () { reveal(path); });
          list.appendChild(item);
        });
      });
    });
    $('search-close').addEventListener('click', function () { $('search-results').hidden = true; });
  }

  // ------------------------------------------------------------------ tabs

  function showTab(name) {
    activeTab = name;
    var tabs = document.querySelectorAll('.tab');
    for (var i = 0; i < tabs.length; i++) {
      tabs[i].classList.toggle('active', tabs[i].getAttribute('data-tab') === name);
    }
    ['node', 'sessions', 'watches', 'ensemble', 'charts'].forEach(function (tab) {
      $('tab-' + tab).hidden = tab !== name;
    });
    if (name === 'sessions') { loadSessions(); }
    if (name === 'watches') { loadWatches(); }
    if (name === 'ensemble') { loadEnsemble(); }
    if (name === 'charts') { drawCharts(); }
  }

  function wireTabs() {
    var tabs = document.querySelectorAll('.tab');
    for (var i = 0; i < tabs.length; i++) {
      tabs[i].addEventListener('click', function (event) { showTab(event.currentTarget.getAttribute('data-tab')); });
    }
    $('node-refresh').addEventListener('click', function () { refreshTreeNode(selectedPath); loadNode(); });
    $('sessions-refresh').addEventListener('click', loadSessions);
    $('watches-refresh').addEventListener('click', loadWatches);
    $('ensemble-refresh').addEventListener('click', loadEnsemble);
  }

  function pathLink(path) {
    var link = el('div', 'link-button', path);
    link.setAttribute('data-path', path);
    link.addEventListener('click', function () { reveal(path); });
    return link;
  }

  function loadSessions() {
    api('sessions').then(function (answer) {
      var body = $('sessions-table').tBodies[0];
      clear(body);
      if (answer.status !== 200) { $('sessions-summary').textContent = problem(answer); return; }
      var b = answer.body;
      $('sessions-summary').textContent = b.total + (b.total === 1 ? ' session' : ' sessions') + (b.truncated ? ' (first ' + b.sessions.length + ' shown)' : '');
      b.sessions.forEach(function (s) {
        var tr = el('tr');
        tr.setAttribute('data-session', s.id);
        tr.appendChild(el('td', null, s.id));
        tr.appendChild(el('td', null, s.timeoutMs + ' ms'));
        tr.appendChild(el('td', null, s.expiresInMs === undefined ? 'elsewhere' : s.expiresInMs + ' ms'));
        tr.appendChild(el('td', null, s.connection === null ? '\u2014' : s.connection));
        var cell = el('td');
        s.ephemerals.forEach(function (path) { cell.appendChild(pathLink(path)); });
        if (s.ephemeralCount > s.ephemerals.length) {
          cell.appendChild(el('div', 'meta', '\u2026 ' + (s.ephemeralCount - s.ephemerals.length) + ' more'));
        }
        tr.appendChild(cell);
        body.appendChild(tr);
      });
    });
  }

  function loadWatches() {
    api('watches').then(function (answer) {
      var byPath = $('watches-by-path').tBodies[0];
      var bySession = $('watches-by-session').tBodies[0];
      clear(byPath);
      clear(bySession);
      if (answer.status !== 200) { $('watches-summary').textContent = problem(answer); return; }
      var b = answer.body;
      $('watches-summary').textContent = b.total + ' watches on ' + b.paths + ' paths' + (b.truncated ? ' (lists cut)' : '');
      b.byPath.forEach(function (w) {
        var tr = el('tr');
        var pathCell = el('td');
        pathCell.appendChild(pathLink(w.path));
        tr.appendChild(pathCell);
        tr.appendChild(el('td', null, w.sessions.join(' ')));
        byPath.appendChild(tr);
      });
      b.bySession.forEach(function (w) {
        var tr = el('tr');
        tr.appendChild(el('td', null, w.session));
        var cell = el('td');
        w.paths.forEach(function (path) { cell.appendChild(pathLink(path)); });
        tr.appendChild(cell);
        bySession.appendChild(tr);
      });
    });
  }

  function loadEnsemble() {
    api('ensemble').then(function (answer) {
      var facts = $('ensemble-facts');
      var members = $('ensemble-members').tBodies[0];
      clear(facts);
      clear(members);
      if (answer.status !== 200) { $('ensemble-summary').textContent = problem(answer); return; }
      var b = answer.body;
      $('ensemble-summary').textContent = 'as seen by server ' + b.answeredBy;
      ['answeredBy', 'role', 'serving', 'leader', 'epoch', 'lastZxid', 'committedZxid', 'appliedZxid'].forEach(function (key) {
        if (b[key] === undefined) { return; }
        var tr = el('tr');
        tr.appendChild(el('td', null, key));
        tr.appendChild(el('td', null, b[key] === null ? '\u2014' : b[key]));
        facts.appendChild(tr);
      });
      b.members.forEach(function (m) {
        var tr = el('tr', m.self ? 'self' : null);
        tr.appendChild(el('td', null, m.id + (m.self ? ' (this server)' : '')));
        tr.appendChild(el('td', null, m.type));
        tr.appendChild(el('td', null, m.role + (m.synced === false ? ' (syncing)' : '')));
        tr.appendChild(el('td', null, m.address || '\u2014'));
        tr.appendChild(el('td', null, m.lastZxid || '\u2014'));
        tr.appendChild(el('td', null, m.lag === undefined || m.lag === null ? '\u2014' : m.lag));
        members.appendChild(tr);
      });
      updateBadge(b);
    });
  }

  function updateBadge(ensemble) {
    var text = ensemble.answeredBy === 'standalone' ? 'standalone' : 'server ' + ensemble.answeredBy + ' \u00B7 ' + ensemble.role;
    $('server-badge').textContent = text;
  }

  // ------------------------------------------------------------------ live stats

  function pushPoint(series, value) {
    series.push(value);
    if (series.length > CHART_WINDOW) { series.shift(); }
  }

  function pollStats() {
    api('stats').then(function (answer) {
      if (answer.status === 200) {
        var s = answer.body;
        var previous = samples.length ? samples[samples.length - 1] : null;
        samples.push(s);
        if (samples.length > 2) { samples.shift(); }
        if (previous !== null && s.timeMs > previous.timeMs) {
          var seconds = (s.timeMs - previous.timeMs) / 1000;
          var completed = s.requestsCompleted - previous.requestsCompleted;
          pushPoint(points.throughput, Math.max(0, completed) / seconds);
          pushPoint(points.latency, completed > 0 ? (s.latencyTotalMs - previous.latencyTotalMs) / completed : 0);
          pointCount++;
          $('chart-points').textContent = String(pointCount);
        }
        showCounters(s);
      }
      window.setTimeout(pollStats, STATS_INTERVAL_MS);
    });
  }

  function showCounters(s) {
    var box = $('counters');
    clear(box);
    [['znodes', s.znodes], ['sessions', s.sessions], ['connections', s.connections], ['watches', s.watches],
      ['outstanding', s.outstandingRequests], ['max latency ms', s.maxLatencyMs], ['last zxid', s.lastZxid],
      ['mode', s.mode === null ? 'not serving' : s.mode]].forEach(function (pair) {
      var counter = el('div', 'counter');
      counter.appendChild(el('div', 'counter-value', pair[1]));
      counter.appendChild(el('div', 'counter-label', pair[0]));
      box.appendChild(counter);
    });
    if (activeTab === 'charts') { drawCharts(); }
  }

  function drawCharts() {
    $('chart-window').textContent = String(CHART_WINDOW);
    WardenCharts.draw($('chart-throughput'), [{ label: 'requests/s', color: '#1f4e79', values: points.throughput }],
      CHART_WINDOW, 'req/s');
    WardenCharts.draw($('chart-latency'), [{ label: 'average ms', color: '#c05621', values: points.latency }],
      CHART_WINDOW, 'ms');
  }

  // ------------------------------------------------------------------ start

  function start() {
    wireTabs();
    wireEdits();
    wireLogin();
    wireSearch();
    $('edit-card').classList.add('locked');
    var tree = $('tree');
    var root = treeNodeElement('/', '/', null);
    tree.appendChild(root);
    expand(root);
    select('/');
    loadEnsemble();
    pollStats();
    window.addEventListener('resize', function () { if (activeTab === 'charts') { drawCharts(); } });
  }

  document.addEventListener('DOMContentLoaded', start);
}());
