// The embeddable ownership view: draws /v1/graph/ownership (Cytoscape.js elements) and shows the facts
// and sources of a clicked node. Loads nothing from outside this API; builds every text node with
// textContent, never innerHTML.
(function () {
  'use strict';
  var body = document.body;
  var root = body.dataset.root;
  var depth = body.dataset.depth;
  var dateInput = document.getElementById('as-of');
  var status = document.getElementById('status');
  var facts = document.getElementById('facts');
  var title = document.getElementById('title');
  var COLOURS = { Alliance: '#1f4e79', Company: '#2e7d32', Brand: '#8e5a00' };

  var cy = cytoscape({
    container: document.getElementById('graph'),
    style: [
      { selector: 'node', style: { label: 'data(label)', 'text-valign': 'center', 'text-halign': 'center', color: '#fff', 'font-size': 11,
        'text-wrap': 'wrap', 'text-max-width': 90, width: 110, height: 40, shape: 'round-rectangle', 'background-color': function (n) { return COLOURS[n.data('type')] || '#555'; } } },
      { selector: 'node[type = "Brand"]', style: { shape: 'ellipse' } },
      { selector: 'node[type = "Alliance"]', style: { shape: 'octagon', width: 140, height: 56 } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f5a623' } },
      { selector: 'edge', style: { label: 'data(label)', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 1.5, 'line-color': '#888',
        'target-arrow-color': '#888', 'font-size': 10, 'text-background-color': '#fafafa', 'text-background-opacity': 1, 'text-background-padding': 2 } },
      { selector: 'edge[type = "MEMBER_OF"]', style: { 'line-style': 'dashed' } },
      { selector: 'edge[type = "HOLDS_STAKE"]', style: { width: 2.5, 'line-color': '#2e7d32', 'target-arrow-color': '#2e7d32' } }
    ]
  });
  window.cy = cy;

  function setStatus(text, isError) {
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function getJson(url) {
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) throw new Error(body && body.detail ? body.detail : 'HTTP ' + res.status);
        return body;
      });
    });
  }

  function load() {
    var asOf = dateInput.value;
    body.dataset.state = 'loading';
    setStatus('Loading…');
    var url = '/v1/graph/ownership?format=cytoscape&direction=both&depth=' + encodeURIComponent(depth) +
      '&root=' + encodeURIComponent(root) + '&asOf=' + encodeURIComponent(asOf);
    return getJson(url).then(function (graph) {
      cy.elements().remove();
      cy.add(graph.elements.nodes.concat(graph.elements.edges));
      cy.layout({ name: 'breadthfirst', roots: cy.getElementById(root), directed: false, spacingFactor: 1.15, padding: 20, animate: false }).run();
      cy.fit(undefined, 20);
      var rootNode = cy.getElementById(root);
      title.textContent = 'Ownership around ' + (rootNode.nonempty() ? rootNode.data('label') : root) + ' as of ' + asOf;
      setStatus(graph.elements.nodes.length + ' entities, ' + graph.elements.edges.length + ' relationships');
      body.dataset.asOf = asOf;
      body.dataset.state = 'ready';
      history.replaceState(null, '', '?root=' + encodeURIComponent(root) + '&asOf=' + encodeURIComponent(asOf) + '&depth=' + encodeURIComponent(depth));
    }).catch(function (error) {
      body.dataset.state = 'error';
      setStatus(error.message, true);
    });
  }

  function sourceList(sources) {
    var list = el('ul', null, { class: 'sources' });
    (sources || []).forEach(function (s) {
      var item = el('li');
      if (typeof s === 'string') item.textContent = s;
      else {
        var text = s.publisher + (s.publishedOn ? ' (' + s.publishedOn + ')' : '') + ': ' + s.title;
        if (s.url) item.appendChild(el('a', text, { href: s.url, target: '_blank', rel: 'noopener noreferrer' }));
        else item.textContent = text;
      }
      list.appendChild(item);
    });
    return list;
  }

  function showFacts(node) {
    var type = node.data('type');
    var id = node.id();
    var asOf = dateInput.value;
    var path = type === 'Company' ? '/v1/companies/' : type === 'Brand' ? '/v1/brands/' : '/v1/alliances/';
    facts.replaceChildren(el('p', 'Loading…', { class: 'hint' }));
    getJson(path + encodeURIComponent(id) + '?include=sources&asOf=' + encodeURIComponent(asOf)).then(function (entity) {
      var parts = [el('h2', entity.name), el('p', type + (entity.country ? ' · ' + entity.country : '') + ' · as of ' + asOf)];
      var lines = el('ul');
      if (type === 'Company') {
        (entity.stakesHeld || []).forEach(function (s) { lines.appendChild(el('li', 'Holds ' + s.equityPercent + '% of ' + s.company.name + (s.carriesVotes ? '' : ' (no votes)'))); });
        (entity.stakesIn || []).forEach(function (s) { lines.appendChild(el('li', s.holder.name + ' holds ' + s.equityPercent + '%' + (s.carriesVotes ? '' : ' (no votes)'))); });
        (entity.brands || []).forEach(function (b) { lines.appendChild(el('li', 'Owns the brand ' + b.name)); });
        (entity.roles || []).forEach(function (r) { lines.appendChild(el('li', r.title + ': ' + r.person.name + (r.validFrom ? ' (since ' + r.validFrom + ')' : ''))); });
      } else if (type === 'Brand') {
        lines.appendChild(el('li', 'Status: ' + entity.status));
        (entity.ownerChain || []).slice(1).forEach(function (r) { lines.appendChild(el('li', r.type + ': ' + r.name)); });
      } else {
        lines.appendChild(el('li', 'Founded ' + entity.foundedOn));
        lines.appendChild(el('li', entity.members.length + ' members, ' + entity.brandCount + ' brands'));
        if (entity.latestHeadcount) lines.appendChild(el('li', 'Headcount: ' + entity.latestHeadcount.precision + ' ' + entity.latestHeadcount.value.toLocaleString('en') + ' (' + entity.latestHeadcount.observedOn + ')'));
      }
      parts.push(lines, el('h2', 'Sources'), sourceList(entity.sources));
      facts.replaceChildren.apply(facts, parts);
    }).catch(function (error) {
      facts.replaceChildren(el('p', error.message, { class: 'hint' }));
    });
  }

  cy.on('tap', 'node', function (event) { showFacts(event.target); });
  dateInput.addEventListener('change', function () { if (dateInput.value) load(); });
  load();
})();
