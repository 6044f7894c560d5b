// The embeddable ownership view. Draws /v1/graph/ownership?format=cytoscape with Cytoscape.js, laid out by
// ELK's layered algorithm: the alliance on top, owners above what they own, edge labels placed by ELK so
// they overlap no node and no other label. The API folds the claims of several sources about one stake
// into one edge and wraps names and labels, as in its Graphviz picture; this page draws them as given. A
// slider steps through the dates on which the graph changes (from /v1/timeline). Loads nothing from outside
// this API; builds every text node with textContent, never innerHTML.
(function () {
  'use strict';

  var body = document.body;
  var root = body.dataset.root;
  var depth = body.dataset.depth;
  var graphBox = document.getElementById('graph');
  var slider = document.getElementById('slider');
  var dateOut = document.getElementById('date');
  var play = document.getElementById('play');
  var status = document.getElementById('status');
  var facts = document.getElementById('facts');
  var title = document.getElementById('title');
  var permalink = document.getElementById('permalink');
  var stakesBody = document.querySelector('#stakes tbody');
  var relationsList = document.getElementById('relations');
  var tableDate = document.getElementById('table-date');

  var css = getComputedStyle(body);
  function cssVar(name) {
    return css.getPropertyValue(name).trim();
  }
  var theme = {
    alliance: cssVar('--alliance'),
    company: cssVar('--company'),
    brand: cssVar('--brand'),
    stake: cssVar('--stake'),
    disagree: cssVar('--disagree'),
    background: cssVar('--background'),
    text: cssVar('--text'),
    accent: cssVar('--accent'),
    font: cssVar('--font'),
  };
  var FILL = { Alliance: theme.alliance, Company: theme.company, Brand: theme.brand };
  var NAME_SIZE = 13;
  var LABEL_SIZE = 11.5;
  var MIN_READABLE_ZOOM = 0.8;

  // ---- text measurement: node sizes come from the label they carry, in the font they are drawn with.
  var ctx = document.createElement('canvas').getContext('2d');
  function textWidth(text, size, weight) {
    ctx.font = (weight || 400) + ' ' + size + 'px ' + theme.font;
    return ctx.measureText(text).width;
  }
  /** The box a label already wrapped by the API (lines joined by line feeds) takes in the font of this page. */
  function measure(label, size, weight) {
    var lines = label.split('\n');
    var width = Math.max.apply(
      null,
      lines
        .map(function (l) {
          return textWidth(l, size, weight);
        })
        .concat([0]),
    );
    return { width: width, lines: lines.length };
  }
  /** A wrapped label as one line of text, for the table, the side panel and the status line. */
  function unwrapped(label) {
    return label.replace(/\n/g, ' ');
  }

  var cy = cytoscape({
    container: graphBox,
    minZoom: 0.2,
    maxZoom: 2.5,
    boxSelectionEnabled: false,
    autoungrabify: true,
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'text-valign': 'center',
          'text-halign': 'center',
          'text-wrap': 'wrap',
          'text-max-width': 2000,
          'font-family': theme.font,
          'font-size': NAME_SIZE,
          'font-weight': 700,
          color: '#fff',
          'line-height': 1.2,
          width: 'data(w)',
          height: 'data(h)',
          'background-color': 'data(fill)',
          'border-width': 0,
        },
      },
      { selector: 'node[shape]', style: { shape: 'data(shape)' } },
      {
        selector: 'node[type = "Label"]',
        style: {
          'font-size': LABEL_SIZE,
          'font-weight': 400,
          color: theme.text,
          'background-color': theme.background,
          'background-opacity': 1,
          'border-width': 1,
          'border-color': 'data(fill)',
          shape: 'round-rectangle',
        },
      },
      { selector: 'node[type = "Label"][kind = "MEMBER_OF"]', style: { 'border-style': 'dashed' } },
      { selector: 'node:selected, node.focused', style: { 'border-width': 3, 'border-color': theme.accent, 'border-style': 'solid' } },
      {
        selector: 'edge',
        style: {
          'curve-style': 'straight',
          width: 1.5,
          'line-color': 'data(colour)',
          'target-arrow-color': 'data(colour)',
          'source-arrow-color': 'data(colour)',
          'arrow-scale': 0.9,
          'target-arrow-shape': 'triangle',
        },
      },
      { selector: 'edge[type = "MEMBER_OF"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none', 'source-arrow-shape': 'triangle' } },
      { selector: 'edge[type = "HOLDS_STAKE"]', style: { width: 2.5 } },
      { selector: 'edge.selected', style: { width: 4, 'line-color': theme.accent } },
    ],
  });

  var current = { entities: null, relations: [], names: {}, elk: null };

  /**
   * Cytoscape elements and the ELK graph for one date. Entities are nodes sized to their wrapped names;
   * each relationship is one edge whose label ELK places as an edge label; Cytoscape draws that label as
   * a small node where ELK put it, so labels take part in the layout and overlap nothing.
   */
  function elementsFor(entities) {
    var nodes = [];
    var elkNodes = [];
    entities.forEach(function (n) {
      var w = measure(n.label, NAME_SIZE, 700);
      var width = Math.ceil(w.width) + 24;
      var height = Math.ceil(w.lines * NAME_SIZE * 1.2) + 16;
      nodes.push({
        group: 'nodes',
        data: { id: n.id, name: n.name, label: n.label, type: n.type, shape: n.shape, fill: FILL[n.type] || '#555', w: width, h: height },
      });
      elkNodes.push({
        id: n.id,
        width: width,
        height: height,
        layoutOptions: n.type === 'Alliance' ? { 'elk.layered.layering.layerConstraint': 'FIRST' } : {},
      });
    });
    var edges = [];
    var elkEdges = [];
    current.relations.forEach(function (r, i) {
      var colour = r.type === 'HOLDS_STAKE' ? (r.disagree ? theme.disagree : theme.stake) : r.type === 'MEMBER_OF' ? theme.alliance : theme.brand;
      // Memberships are laid out from the alliance down to its members, so the alliance sits on top.
      var from = r.type === 'MEMBER_OF' ? r.target : r.source;
      var to = r.type === 'MEMBER_OF' ? r.source : r.target;
      var id = 'rel-' + i;
      edges.push({
        group: 'edges',
        data: {
          id: id,
          source: from,
          target: to,
          rel: r.id,
          ids: r.ids,
          type: r.type,
          relSource: r.source,
          relTarget: r.target,
          colour: colour,
          disagree: r.disagree,
        },
      });
      // Which edges should point down when a cycle forces one up: memberships, then bigger stakes, then brands.
      var equity = r.claims.reduce(function (m, c) {
        return Math.max(m, c.equityPercent || 0);
      }, 0);
      var priority = r.type === 'MEMBER_OF' ? 200 : r.type === 'HOLDS_STAKE' ? Math.round(equity) + 1 : 100;
      var elkEdge = { id: id, sources: [from], targets: [to], labels: [], layoutOptions: { 'elk.layered.priority.direction': priority } };
      // "brand" on every brand edge says nothing the colour and legend do not; "via …" is kept.
      if (!(r.type === 'OWNS_BRAND' && r.label === 'brand')) {
        var w = measure(r.label, LABEL_SIZE, 400);
        var lw = Math.ceil(w.width) + 12;
        var lh = Math.ceil(w.lines * LABEL_SIZE * 1.2) + 8;
        nodes.push({ group: 'nodes', data: { id: id + '-label', label: r.label, type: 'Label', kind: r.type, rel: r.id, fill: colour, w: lw, h: lh } });
        elkEdge.labels.push({ id: id + '-label', text: unwrapped(r.label), width: lw, height: lh });
      }
      elkEdges.push(elkEdge);
    });
    current.elk = { children: elkNodes, edges: elkEdges };
    return nodes.concat(edges);
  }

  var elk = new ELK();
  function runLayout(direction) {
    var graph = {
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': direction,
        'elk.edgeRouting': 'ORTHOGONAL',
        'elk.spacing.nodeNode': 18,
        'elk.layered.spacing.nodeNodeBetweenLayers': 28,
        'elk.spacing.edgeNode': 12,
        'elk.spacing.edgeEdge': 12,
        'elk.layered.spacing.edgeEdgeBetweenLayers': 12,
        'elk.spacing.edgeLabel': 3,
        'elk.layered.spacing.edgeNodeBetweenLayers': 12,
        'elk.edgeLabels.placement': 'CENTER',
        'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
        'elk.layered.cycleBreaking.strategy': 'GREEDY',
      },
      children: current.elk.children.map(function (c) {
        return Object.assign({}, c);
      }),
      edges: current.elk.edges.map(function (e) {
        return {
          id: e.id,
          sources: e.sources,
          targets: e.targets,
          layoutOptions: e.layoutOptions,
          labels: e.labels.map(function (l) {
            return Object.assign({}, l);
          }),
        };
      }),
    };
    return elk.layout(graph);
  }

  /** Puts the nodes, the edges' bends and the labels where ELK laid them out. */
  function applyLayout(laid) {
    cy.batch(function () {
      laid.children.forEach(function (c) {
        cy.getElementById(c.id).position({ x: c.x + c.width / 2, y: c.y + c.height / 2 });
      });
      laid.edges.forEach(function (e) {
        var edge = cy.getElementById(e.id);
        (e.labels || []).forEach(function (l) {
          cy.getElementById(l.id).position({ x: l.x + l.width / 2, y: l.y + l.height / 2 });
        });
        var s = edge.source().position();
        var t = edge.target().position();
        var dx = t.x - s.x;
        var dy = t.y - s.y;
        var len2 = dx * dx + dy * dy || 1;
        var len = Math.sqrt(len2);
        var bends = [];
        (e.sections || []).forEach(function (section) {
          (section.bendPoints || []).forEach(function (p) {
            bends.push(p);
          });
        });
        var section = (e.sections || [])[0];
        var last = (e.sections || [])[(e.sections || []).length - 1];
        // Start and end where ELK did on the nodes' borders, so the first and last legs stay straight.
        var ends = section
          ? {
              'source-endpoint': section.startPoint.x - s.x + 'px ' + (section.startPoint.y - s.y) + 'px',
              'target-endpoint': last.endPoint.x - t.x + 'px ' + (last.endPoint.y - t.y) + 'px',
            }
          : {};
        if (!bends.length) {
          edge.style(Object.assign({ 'curve-style': 'straight' }, ends));
          return;
        }
        var weights = [];
        var distances = [];
        bends.forEach(function (p) {
          weights.push(((p.x - s.x) * dx + (p.y - s.y) * dy) / len2);
          distances.push((dx * (p.y - s.y) - dy * (p.x - s.x)) / len);
        });
        edge.style(
          Object.assign(
            {
              'curve-style': 'round-segments',
              'segment-radii': 10,
              'edge-distances': 'node-position',
              'segment-weights': weights,
              'segment-distances': distances,
            },
            ends,
          ),
        );
      });
    });
  }

  function extent(laid) {
    return { w: laid.width || 1, h: laid.height || 1 };
  }

  /** Lays out top-down, and left-to-right too when the frame is tall; keeps the one that is drawn larger. */
  function layoutToFit() {
    cy.resize();
    var W = graphBox.clientWidth || 300;
    var H = graphBox.clientHeight || 300;
    var zoomFor = function (bb) {
      return Math.min((W - 24) / bb.w, (H - 24) / bb.h);
    };
    return runLayout('DOWN')
      .then(function (down) {
        if (zoomFor(extent(down)) >= 0.75 || W >= H) return down;
        return runLayout('RIGHT').then(function (right) {
          return zoomFor(extent(right)) > zoomFor(extent(down)) * 1.15 ? right : down;
        });
      })
      .then(function (laid) {
        applyLayout(laid);
        cy.fit(undefined, 12);
        if (cy.zoom() > 1.4) {
          cy.zoom(1.4);
          cy.center();
        }
        // A phone-sized frame: keep the text readable and start at the top, around the root; the rest pans into view.
        if (cy.zoom() < MIN_READABLE_ZOOM) {
          var top = cy.elements().boundingBox().y1;
          var at = cy.getElementById(root).position();
          cy.zoom(MIN_READABLE_ZOOM);
          cy.pan({ x: W / 2 - at.x * MIN_READABLE_ZOOM, y: 12 - top * MIN_READABLE_ZOOM });
          body.dataset.cropped = 'true';
        } else delete body.dataset.cropped;
      });
  }

  // ---- helpers
  function setStatus(text, isError) {
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (attrs)
      Object.keys(attrs).forEach(function (k) {
        node.setAttribute(k, attrs[k]);
      });
    return node;
  }
  function getJson(url) {
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) throw new Error(json && json.detail ? json.detail : 'HTTP ' + res.status);
        return json;
      });
    });
  }
  function graphUrl(format, asOf) {
    return (
      '/v1/graph/ownership?format=' +
      format +
      '&direction=both&depth=' +
      encodeURIComponent(depth) +
      '&root=' +
      encodeURIComponent(root) +
      '&asOf=' +
      encodeURIComponent(asOf)
    );
  }

  // ---- the dates on which the graph changes: every start and end of a relationship in the timeline.
  function loadStops() {
    var dates = {};
    function page(cursor) {
      // Around an alliance or group, only its own entries: the other groups' dates would be stops where nothing here changes.
      var scope = body.dataset.rootType === 'Alliance' ? '&alliance=' + encodeURIComponent(root) : '';
      return getJson('/v1/timeline?limit=100' + scope + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '')).then(function (answer) {
        answer.items.forEach(function (item) {
          if (/^(start|end):/.test(item.id)) dates[item.date] = true;
        });
        return answer.nextCursor ? page(answer.nextCursor) : Object.keys(dates).sort();
      });
    }
    return page(null);
  }

  var stops = [];
  var asOf = body.dataset.asOf;

  function stopIndexFor(date) {
    var index = 0;
    for (var i = 0; i < stops.length; i++) if (stops[i] <= date) index = i;
    return index;
  }
  function showDate(date) {
    dateOut.textContent = date;
    slider.setAttribute('aria-valuetext', date);
  }

  // ---- drawing one date
  var generation = 0;
  function load(date) {
    var mine = ++generation;
    asOf = date;
    showDate(date);
    body.dataset.state = 'loading';
    setStatus('Loading…');
    return getJson(graphUrl('cytoscape', date))
      .then(function (graph) {
        if (mine !== generation) return;
        var entities = graph.elements.nodes.map(function (n) {
          return n.data;
        });
        current.entities = entities;
        current.relations = graph.elements.edges.map(function (e) {
          return e.data;
        });
        current.names = {};
        entities.forEach(function (n) {
          current.names[n.id] = n.name;
        });
        cy.batch(function () {
          cy.elements().remove();
          cy.add(elementsFor(entities));
        });
        return layoutToFit().then(function () {
          if (mine !== generation) return;
          var rootName = current.names[root] || root;
          title.textContent = 'Ownership around ' + rootName + ' as of ' + date;
          document.title = 'Ownership around ' + rootName + ' as of ' + date + ' — Automotive alliances knowledge graph';
          var stakes = current.relations.filter(function (r) {
            return r.type === 'HOLDS_STAKE';
          });
          setStatus(
            entities.length +
              ' entities, ' +
              current.relations.length +
              ' relationships, ' +
              stakes.length +
              ' stakes' +
              (body.dataset.cropped ? ' — drag or pinch to see the whole graph' : ''),
          );
          graphBox.setAttribute(
            'aria-label',
            'Ownership graph around ' +
              rootName +
              ' as of ' +
              date +
              ': ' +
              entities.length +
              ' entities and ' +
              stakes.length +
              ' stakes; the table of stakes describes it',
          );
          fillTable();
          updateLink();
          body.dataset.asOf = date;
          body.dataset.state = 'ready';
        });
      })
      .catch(function (error) {
        if (mine !== generation) return;
        body.dataset.state = 'error';
        setStatus(error.message, true);
      });
  }

  function updateLink() {
    var params = new URLSearchParams(location.search);
    params.set('root', root);
    params.set('asOf', asOf);
    params.set('depth', depth);
    var href = location.pathname + '?' + params.toString();
    permalink.setAttribute('href', href);
    history.replaceState(null, '', href);
  }

  // ---- the text alternative: a table of the stakes, and the other relationships as a list.
  function since(r) {
    var from = r.claims
      .map(function (c) {
        return c.validFrom;
      })
      .filter(Boolean)
      .sort();
    return from.length ? from[0] : '—';
  }
  function fillTable() {
    tableDate.textContent = asOf;
    var rows = [];
    var items = [];
    current.relations.forEach(function (r) {
      var button = el('button', current.names[r.source] || r.source, { type: 'button', class: 'link' });
      button.addEventListener('click', function () {
        selectRelation(r);
      });
      if (r.type === 'HOLDS_STAKE') {
        var tr = el('tr');
        var th = el('th', null, { scope: 'row' });
        th.appendChild(button);
        tr.appendChild(th);
        tr.appendChild(el('td', current.names[r.target] || r.target));
        tr.appendChild(el('td', unwrapped(r.label)));
        tr.appendChild(el('td', since(r)));
        rows.push(tr);
      } else {
        var li = el('li');
        li.appendChild(button);
        li.appendChild(
          document.createTextNode(
            r.type === 'MEMBER_OF'
              ? ' is a ' + r.label + ' of ' + (current.names[r.target] || r.target)
              : ' owns the brand ' + (current.names[r.target] || r.target) + (r.label !== 'brand' ? ' — ' + unwrapped(r.label) : ''),
          ),
        );
        items.push(li);
      }
    });
    if (!rows.length) {
      var none = el('tr');
      none.appendChild(el('td', 'No stakes on this date', { colspan: '4' }));
      rows.push(none);
    }
    stakesBody.replaceChildren.apply(stakesBody, rows);
    relationsList.replaceChildren.apply(relationsList, items);
  }

  // ---- the side panel
  var sourceCache = {};
  function sourceItem(id) {
    var item = el('li', id);
    var known =
      sourceCache[id] ||
      (sourceCache[id] = getJson('/v1/sources/' + encodeURIComponent(id)).then(function (a) {
        return a.source;
      }));
    known.then(
      function (s) {
        var text = s.publisher + (s.publishedOn ? ' (' + s.publishedOn + ')' : '') + ': ' + s.title;
        if (s.url) item.replaceChildren(el('a', text, { href: s.url, target: '_blank', rel: 'noopener noreferrer' }));
        else item.textContent = text;
      },
      function () {
        /* the id stays */
      },
    );
    return item;
  }
  function sourceList(sources) {
    var list = el('ul', null, { class: 'sources' });
    (sources || []).forEach(function (s) {
      if (typeof s === 'string') {
        list.appendChild(sourceItem(s));
        return;
      }
      var text = s.publisher + (s.publishedOn ? ' (' + s.publishedOn + ')' : '') + ': ' + s.title;
      var item = el('li');
      if (s.url) item.appendChild(el('a', text, { href: s.url, target: '_blank', rel: 'noopener noreferrer' }));
      else item.textContent = text;
      list.appendChild(item);
    });
    return list;
  }

  function clearHighlight() {
    cy.elements().unselect();
    cy.nodes('.focused').removeClass('focused');
    cy.edges('.selected').removeClass('selected');
  }

  function selectRelation(r) {
    clearHighlight();
    cy.edges()
      .filter(function (e) {
        return e.data('rel') === r.id;
      })
      .addClass('selected');
    cy.nodes()
      .filter(function (n) {
        return n.data('rel') === r.id;
      })
      .addClass('focused');
    var holder = current.names[r.source] || r.source;
    var target = current.names[r.target] || r.target;
    var heading = r.type === 'HOLDS_STAKE' ? holder + ' → ' + target : r.type === 'MEMBER_OF' ? holder + ' in ' + target : holder + ' → ' + target;
    var parts = [el('h2', heading), el('p', (r.type === 'HOLDS_STAKE' ? 'Stake' : r.type === 'MEMBER_OF' ? 'Membership' : 'Brand') + ' · as of ' + asOf)];
    if (r.disagree) parts.push(el('p', r.claims.length + ' sources disagree about this stake; each claim is listed with its sources.'));
    var table = el('table', null, { class: 'claims' });
    var head = el('tr');
    ['Claim', 'From', 'To'].forEach(function (h) {
      head.appendChild(el('th', h, { scope: 'col' }));
    });
    table.appendChild(head);
    r.claims.forEach(function (c) {
      var tr = el('tr');
      tr.appendChild(el('td', c.label));
      tr.appendChild(el('td', c.validFrom || '—'));
      tr.appendChild(el('td', c.validTo || 'today'));
      table.appendChild(tr);
      var sr = el('tr');
      var td = el('td', null, { colspan: '3' });
      td.appendChild(sourceList(c.sources));
      sr.appendChild(td);
      table.appendChild(sr);
    });
    parts.push(table);
    facts.replaceChildren.apply(facts, parts);
  }

  function showFacts(node) {
    clearHighlight();
    node.addClass('focused');
    var type = node.data('type');
    var id = node.id();
    var path = type === 'Company' ? '/v1/companies/' : type === 'Brand' ? '/v1/brands/' : '/v1/alliances/';
    facts.replaceChildren(el('p', 'Loading…', { class: 'hint' }));
    getJson(path + encodeURIComponent(id) + '?include=sources&asOf=' + encodeURIComponent(asOf))
      .then(function (entity) {
        var parts = [el('h2', entity.name), el('p', type + (entity.country ? ' · ' + entity.country : '') + ' · as of ' + asOf)];
        var lines = el('ul');
        if (type === 'Company') {
          (entity.stakesHeld || []).forEach(function (s) {
            lines.appendChild(el('li', 'Holds ' + s.equityPercent + '% of ' + s.company.name + (s.carriesVotes ? '' : ' (no votes)')));
          });
          (entity.stakesIn || []).forEach(function (s) {
            lines.appendChild(el('li', s.holder.name + ' holds ' + s.equityPercent + '%' + (s.carriesVotes ? '' : ' (no votes)')));
          });
          (entity.brands || []).forEach(function (b) {
            lines.appendChild(el('li', 'Owns the brand ' + b.name));
          });
          (entity.roles || []).forEach(function (r) {
            lines.appendChild(el('li', r.title + ': ' + r.person.name + (r.validFrom ? ' (since ' + r.validFrom + ')' : '')));
          });
        } else if (type === 'Brand') {
          lines.appendChild(el('li', 'Status: ' + entity.status));
          (entity.ownerChain || []).slice(1).forEach(function (r) {
            lines.appendChild(el('li', r.type + ': ' + r.name));
          });
        } else {
          lines.appendChild(el('li', 'Founded ' + entity.foundedOn));
          lines.appendChild(el('li', entity.members.length + ' members, ' + entity.brandCount + ' brands'));
          if (entity.latestHeadcount)
            lines.appendChild(
              el(
                'li',
                'Headcount: ' +
                  entity.latestHeadcount.precision +
                  ' ' +
                  entity.latestHeadcount.value.toLocaleString('en') +
                  ' (' +
                  entity.latestHeadcount.observedOn +
                  ')',
              ),
            );
        }
        parts.push(lines, el('h2', 'Sources'), sourceList(entity.sources));
        facts.replaceChildren.apply(facts, parts);
      })
      .catch(function (error) {
        facts.replaceChildren(el('p', error.message, { class: 'hint' }));
      });
  }

  function relationOf(ele) {
    var key = ele.data('rel');
    return current.relations.filter(function (r) {
      return r.id === key;
    })[0];
  }
  cy.on('tap', 'node', function (event) {
    var n = event.target;
    if (n.data('type') === 'Label') selectRelation(relationOf(n));
    else showFacts(n);
  });
  cy.on('tap', 'edge', function (event) {
    selectRelation(relationOf(event.target));
  });

  // ---- keyboard: ←/→ walk the entities and stakes in reading order, Enter opens one, Escape clears.
  var cursor = -1;
  // The graph's subject first (its holders may share the top row with it), then top to bottom, left to right.
  function readingOrder() {
    return cy.nodes().sort(function (a, b) {
      if (a.id() === root || b.id() === root) return a.id() === root ? -1 : 1;
      var pa = a.position();
      var pb = b.position();
      return Math.abs(pa.y - pb.y) > 8 ? pa.y - pb.y : pa.x - pb.x;
    });
  }
  graphBox.addEventListener('keydown', function (event) {
    var order = readingOrder();
    if (!order.length) return;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown' || event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      var step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : -1;
      cursor = (cursor + step + order.length) % order.length;
      clearHighlight();
      var n = order[cursor];
      n.addClass('focused');
      setStatus((n.data('type') === 'Label' ? 'Relationship: ' : n.data('type') + ': ') + unwrapped(n.data('label')) + ' — Enter for details');
      event.preventDefault();
    } else if ((event.key === 'Enter' || event.key === ' ') && cursor >= 0 && order[cursor]) {
      var chosen = order[cursor];
      if (chosen.data('type') === 'Label') selectRelation(relationOf(chosen));
      else showFacts(chosen);
      event.preventDefault();
    } else if (event.key === 'Escape') {
      clearHighlight();
      cursor = -1;
    }
  });

  // ---- time: the slider moves between change dates; play steps through them.
  var timer = null;
  function goTo(index) {
    slider.value = String(index);
    load(stops[index]);
  }
  function stop() {
    if (timer) clearInterval(timer);
    timer = null;
    play.textContent = '▶ Play';
    play.setAttribute('aria-pressed', 'false');
  }
  function start() {
    if (!stops.length) return;
    if (Number(slider.value) >= stops.length - 1) goTo(0);
    play.textContent = '❚❚ Pause';
    play.setAttribute('aria-pressed', 'true');
    timer = setInterval(function () {
      var next = Number(slider.value) + 1;
      if (next >= stops.length) {
        stop();
        return;
      }
      goTo(next);
    }, 1400);
  }
  play.addEventListener('click', function () {
    if (timer) stop();
    else start();
  });
  var picker = document.getElementById('group');
  if (picker)
    picker.addEventListener('change', function () {
      picker.form.submit();
    });
  slider.addEventListener('input', function () {
    showDate(stops[Number(slider.value)]);
  });
  slider.addEventListener('change', function () {
    stop();
    load(stops[Number(slider.value)]);
  });
  document.addEventListener('keydown', function (event) {
    // P plays and pauses from anywhere in the page except text fields.
    if ((event.key === 'p' || event.key === 'P') && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
      if (timer) stop();
      else start();
    }
  });

  // ---- exports
  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = el('a', null, { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
  }
  function fileName(ext) {
    return 'ownership-' + root + '-' + asOf + '.' + ext;
  }
  function fetchBlob(url) {
    return fetch(url).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.blob();
    });
  }
  document.getElementById('export-svg').addEventListener('click', function () {
    fetchBlob(graphUrl('svg', asOf)).then(
      function (b) {
        download(b, fileName('svg'));
      },
      function (e) {
        setStatus(e.message, true);
      },
    );
  });
  document.getElementById('export-png').addEventListener('click', function () {
    download(cy.png({ output: 'blob', full: true, scale: 2, bg: theme.background }), fileName('png'));
  });
  document.getElementById('export-json').addEventListener('click', function () {
    fetchBlob(graphUrl('json', asOf)).then(
      function (b) {
        download(b, fileName('json'));
      },
      function (e) {
        setStatus(e.message, true);
      },
    );
  });

  // Re-fit when the frame changes size.
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      if (current.entities) layoutToFit();
    }, 150);
  });

  window.ownershipView = {
    cy: cy,
    stops: function () {
      return stops.slice();
    },
    /** One entry per drawn relationship, with the ids of the API edges (claims) it draws. */
    rendered: function () {
      return cy.edges().map(function (e) {
        return { ids: e.data('ids'), type: e.data('type'), source: e.data('relSource'), target: e.data('relTarget') };
      });
    },
  };

  window.cy = cy;
  var fontReady = document.fonts && document.fonts.load ? document.fonts.load('700 13px ' + theme.font).catch(function () {}) : Promise.resolve();
  Promise.all([
    fontReady,
    loadStops().catch(function () {
      return [];
    }),
  ]).then(function (results) {
    stops = results[1];
    slider.max = String(Math.max(stops.length - 1, 0));
    slider.disabled = stops.length === 0;
    slider.value = String(stopIndexFor(asOf));
    body.dataset.stops = String(stops.length);
    load(asOf);
  });
})();
