// FlowCover HTML report: sortable tables, the file filter and keyboard navigation.
// A plain script (no modules, no fetch) so the report works opened straight from disk.
(function () {
  "use strict";

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  /** A cell's sort key: its data-sort value (exact figures) or its text. */
  function key(row, index, numeric) {
    var cell = row.cells[index];
    var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return numeric ? parseFloat(value) : value;
  }

  /** Clicking a header (or Enter on it) sorts by that column; again reverses. Ties go by name. */
  function makeSortable(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, index); });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, index); }
      });
    });
  }

  function sortBy(table, index) {
    var headers = table.tHead.rows[0].cells;
    var th = headers[index];
    var numeric = th.getAttribute("data-type") === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, index, numeric), y = key(b, index, numeric);
      var order = numeric ? x - y : collator.compare(x, y);
      if (order === 0) order = collator.compare(key(a, 0, false), key(b, 0, false));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  /** The index's filter box: shows files whose name contains the text, and says how many. */
  function makeFilter(input, table) {
    var status = document.getElementById("filter-status");
    var none = document.getElementById("no-match");
    function apply() {
      var text = input.value.trim().toLowerCase();
      var rows = table.tBodies[0].rows, shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var match = rows[i].cells[0].textContent.toLowerCase().indexOf(text) >= 0;
        rows[i].hidden = !match;
        if (match) shown++;
      }
      status.textContent = text ? shown + " of " + rows.length + " files" : "";
      none.hidden = shown > 0 || rows.length === 0;
    }
    input.addEventListener("input", apply);
    document.addEventListener("keydown", function (event) {
      if (event.key === "/" && document.activeElement !== input) { event.preventDefault(); input.focus(); }
    });
    apply(); // the browser may have restored the box's text
  }

  /**
   * j/n and k/p step to the next/previous stop: the first line of each run of missed lines,
   * and every partial line. u goes back to the index.
   */
  function makeNavigation(source) {
    var lines = Array.prototype.slice.call(source.querySelectorAll("p.run, p.mis, p.par"));
    var stops = lines.filter(function (line, i) {
      if (line.className === "par") return true;
      return line.className === "mis" && (i === 0 || lines[i - 1].className !== "mis");
    });
    var current = -1;
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target) {
      // Start from a linked line: the next stop is the first one after it.
      current = stops.filter(function (stop) { return stop.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING; }).length - 1;
    }
    function go(step) {
      if (!stops.length) return;
      current = Math.min(Math.max(current + step, 0), stops.length - 1);
      var previous = source.querySelector("p.current");
      if (previous) previous.classList.remove("current");
      var line = stops[current];
      line.classList.add("current");
      line.scrollIntoView({ block: "center" });
      try { history.replaceState(null, "", "#" + line.id); } catch (ignored) { /* some file:// settings refuse it */ }
    }
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var tag = event.target && event.target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA") return;
      switch (event.key) {
        case "j": case "n": go(1); break;
        case "k": case "p": go(-1); break;
        case "u": location.href = "index.html"; break;
        default: return;
      }
      event.preventDefault();
    });
  }

  /**
   * Contexts: a line's count button lists the tests (and routes) that ran it; the select dims
   * every measured line the chosen test or route did not run, and says how many it ran.
   */
  function makeContexts(source, select, names) {
    source.addEventListener("click", function (event) {
      var button = event.target;
      if (!button.classList || !button.classList.contains("ctx")) return;
      var line = button.parentNode, open = line.querySelector(".ctxlist");
      if (open) { open.remove(); return; }
      var list = document.createElement("span");
      list.className = "ctxlist";
      line.getAttribute("data-ctx").split(" ").forEach(function (i) {
        var item = document.createElement("span");
        item.style.display = "block";
        item.textContent = names[+i];
        list.appendChild(item);
      });
      line.appendChild(list);
    });
    var status = document.getElementById("ctx-status");
    function apply() {
      var chosen = select.value ? select.value.split(" ") : null;
      var lines = source.querySelectorAll("p[data-ctx]"), ran = 0;
      for (var i = 0; i < lines.length; i++) {
        var own = lines[i].getAttribute("data-ctx").split(" ");
        var hit = chosen !== null && own.some(function (c) { return chosen.indexOf(c) >= 0; });
        lines[i].classList.toggle("flt-in", hit);
        lines[i].classList.toggle("flt-out", chosen !== null && !hit);
        if (hit) ran++;
      }
      status.textContent = chosen ? "ran " + ran + " of " + lines.length + " statement lines" : "";
    }
    select.addEventListener("change", apply);
    apply(); // the browser may have restored the choice
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
  var filter = document.getElementById("filter");
  if (filter) makeFilter(filter, document.getElementById("files"));
  var source = document.querySelector(".src");
  if (source) makeNavigation(source);
  var contextFilter = document.getElementById("ctx-filter");
  if (source && contextFilter) makeContexts(source, contextFilter, JSON.parse(document.getElementById("ctx-names").textContent));
}());
