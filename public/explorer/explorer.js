// The explorer's one script: type-ahead search over /v1/suggest and the as-of slider. The pages are
// complete without it (the search form and the date form submit as plain GETs).
(function () {
  'use strict';

  var PAGES = { Company: 'company', Brand: 'brand', Alliance: 'alliance', Person: 'person' };

  // --- Type-ahead (ARIA 1.2 combobox with a listbox popup) ---
  var input = document.getElementById('q');
  var list = document.getElementById('q-suggestions');
  var asOfField = document.querySelector('form.search input[name="asOf"]');
  if (input && list) {
    var items = [];
    var active = -1;
    var timer = 0;
    var seq = 0;
    var hrefFor = function (item) {
      var asOf = asOfField && asOfField.value ? asOfField.value : '';
      var type = PAGES[item.type];
      if (type) return '/explore/' + type + '/' + encodeURIComponent(item.id) + (asOf ? '?asOf=' + asOf : '');
      return '/explore/search?q=' + encodeURIComponent(item.name) + (asOf ? '&asOf=' + asOf : '');
    };
    var close = function () {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };
    var render = function () {
      list.textContent = '';
      items.forEach(function (item, i) {
        var li = document.createElement('li');
        li.id = 'q-opt-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', i === active ? 'true' : 'false');
        li.setAttribute('data-href', hrefFor(item));
        li.appendChild(document.createTextNode(item.name));
        var small = document.createElement('span');
        small.className = 'muted';
        small.textContent = ' ' + (item.matchedName && item.matchedName !== item.name ? item.matchedName + ' · ' : '') + item.type;
        li.appendChild(small);
        li.addEventListener('mousedown', function (event) {
          event.preventDefault();
          location.assign(li.getAttribute('data-href'));
        });
        list.appendChild(li);
      });
      if (items.length) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
        if (active >= 0) input.setAttribute('aria-activedescendant', 'q-opt-' + active);
        else input.removeAttribute('aria-activedescendant');
      } else close();
    };
    var ask = function () {
      var prefix = input.value.trim();
      var mine = ++seq;
      if (!prefix) {
        items = [];
        return close();
      }
      fetch('/v1/suggest?prefix=' + encodeURIComponent(prefix.slice(0, 100)) + '&limit=8', { headers: { accept: 'application/json' } })
        .then(function (res) {
          return res.ok ? res.json() : { items: [] };
        })
        .then(function (body) {
          if (mine !== seq) return; // a later keystroke has asked since
          items = body.items || [];
          active = -1;
          render();
          document.body.setAttribute('data-suggest', prefix);
        })
        .catch(function () {
          items = [];
          close();
        });
    };
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 120);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (!items.length) return;
        event.preventDefault();
        var n = items.length;
        active = event.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n;
        render();
      } else if (event.key === 'Enter' && active >= 0 && !list.hidden) {
        event.preventDefault();
        location.assign(hrefFor(items[active]));
      } else if (event.key === 'Escape') {
        close();
      }
    });
    input.addEventListener('blur', function () {
      setTimeout(close, 150);
    });
  }

  // --- The as-of slider over the dates on which the page changes ---
  var slider = document.getElementById('slider');
  if (slider) {
    var stops = JSON.parse(slider.getAttribute('data-stops') || '[]');
    var path = slider.getAttribute('data-path') || location.pathname;
    var keep = JSON.parse(slider.getAttribute('data-keep') || '{}');
    var range = document.getElementById('asof-slider');
    var out = document.getElementById('asof-slider-value');
    var dateInput = document.getElementById('asOf');
    var go = 0;
    slider.hidden = false;
    var show = function () {
      var day = stops[Number(range.value)];
      out.textContent = day;
      range.setAttribute('aria-valuetext', day);
      if (dateInput) dateInput.value = day;
      return day;
    };
    range.addEventListener('input', show);
    range.addEventListener('change', function () {
      var day = show();
      clearTimeout(go);
      // Wait for the keys or the drag to settle, then open the page of that day (a permalink).
      go = setTimeout(function () {
        var params = new URLSearchParams(keep);
        params.set('asOf', day);
        // A keyboard user keeps the slider's focus on the page of the new day.
        try {
          if (document.activeElement === range) sessionStorage.setItem('explorer-focus', 'asof-slider');
        } catch {
          /* storage off: focus starts at the top */
        }
        location.assign(path + '?' + params.toString());
      }, 450);
    });
    try {
      if (sessionStorage.getItem('explorer-focus') === 'asof-slider') {
        sessionStorage.removeItem('explorer-focus');
        range.focus();
      }
    } catch {
      /* storage off */
    }
  }
  document.body.setAttribute('data-ready', 'true');
})();
