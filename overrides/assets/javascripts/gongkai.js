/* gongkai's few scripts. Every page works without them; they only add conveniences. */
(function () {
  "use strict";

  /* Material joins jieba's words with U+200B in the search index; its results show them, and a citizen
     who copies a result title gets invisible characters. Remove them from rendered results. */
  function cleanSearchResults() {
    var results = document.querySelector(".md-search-result");
    if (!results) return;
    new MutationObserver(function () {
      var walker = document.createTreeWalker(results, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        var text = walker.currentNode;
        if (text.nodeValue.indexOf("\u200b") !== -1) text.nodeValue = text.nodeValue.replace(/\u200b/g, "");
      }
    }).observe(results, { childList: true, subtree: true });
  }

  /* Tables inside <div class="gk-table" data-filter-columns="有效性 发布日期">: a select per named column
     (a date column is filtered by year), an optional text filter, optional sorting by column. Without
     JavaScript the table is simply complete. */
  function cellText(row, index) {
    return row.cells[index] ? row.cells[index].textContent.trim() : "";
  }

  function isDateColumn(rows, index) {
    return rows.length > 0 && rows.every(function (row) { return /^\d{4}-\d{2}-\d{2}$/.test(cellText(row, index)); });
  }

  /* A label and its control stay on one line: a label must not wrap away from what it names. */
  function filterGroup(label, control) {
    var group = document.createElement("span");
    group.className = "gk-filter";
    group.appendChild(label);
    group.appendChild(control);
    return group;
  }

  function enhanceTable(wrapper, number) {
    var table = wrapper.querySelector("table");
    if (!table || !table.tBodies[0]) return;
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) { return cell.textContent.trim(); });
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var form = document.createElement("form");
    form.className = "gk-filters";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "筛选表格");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var filters = [];

    (wrapper.getAttribute("data-filter-columns") || "").split(/\s+/).forEach(function (name) {
      var index = headers.indexOf(name);
      if (!name || index < 0) return;
      var byYear = isDateColumn(rows, index);
      var values = [];
      rows.forEach(function (row) {
        var value = byYear ? cellText(row, index).slice(0, 4) : cellText(row, index);
        if (value && values.indexOf(value) < 0) values.push(value);
      });
      values.sort();
      if (byYear) values.reverse();
      var id = "gk-filter-" + number + "-" + index;
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = byYear ? "年份" : name;
      var select = document.createElement("select");
      select.id = id;
      select.setAttribute("data-column", name);
      select.add(new Option("全部", ""));
      values.forEach(function (value) { select.add(new Option(byYear ? value + "年" : value, value)); });
      form.appendChild(filterGroup(label, select));
      filters.push(function (row) {
        var value = byYear ? cellText(row, index).slice(0, 4) : cellText(row, index);
        return !select.value || value === select.value;
      });
    });

    if (wrapper.hasAttribute("data-text-filter")) {
      var textId = "gk-filter-" + number + "-text";
      var textLabel = document.createElement("label");
      textLabel.setAttribute("for", textId);
      textLabel.textContent = "关键字";
      var input = document.createElement("input");
      input.type = "search";
      input.id = textId;
      form.appendChild(filterGroup(textLabel, input));
      filters.push(function (row) {
        var words = input.value.trim().split(/\s+/).filter(Boolean);
        var text = row.textContent;
        return words.every(function (word) { return text.indexOf(word) >= 0; });
      });
    }

    var status = document.createElement("p");
    status.className = "gk-filter-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = filters.every(function (keep) { return keep(row); });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      status.textContent = "共 " + rows.length + " 条，显示 " + shown + " 条";
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);

    if (wrapper.hasAttribute("data-sortable")) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "gk-sort";
        button.textContent = cell.textContent;
        cell.textContent = "";
        cell.appendChild(button);
        cell.setAttribute("aria-sort", "none");
        button.addEventListener("click", function () {
          var ascending = cell.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.setAttribute("aria-sort", "none"); });
          cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          rows.sort(function (a, b) {
            var order = cellText(a, index).localeCompare(cellText(b, index), "zh-CN");
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
        });
      });
    }

    if (filters.length) {
      wrapper.insertBefore(form, wrapper.firstChild);
      wrapper.insertBefore(status, form.nextSibling);
      apply();
    }
  }

  /* Material's search is a role="dialog" without a name; screen readers announce it as just "dialog". */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "搜索");
  }

  /* 长者模式: larger text and stronger contrast, remembered across pages in localStorage. */
  var ELDER_KEY = "gongkai.elder";

  function addElderToggle() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".gk-elder-toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button gk-elder-toggle";
    var root = document.documentElement;
    function show(on) {  // the label says what a press does: 长者模式, or 退出长者模式 once it is on
      button.textContent = on ? "退出长者模式" : "长者模式";
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
    show(root.classList.contains("gk-elder"));
    button.addEventListener("click", function () {
      var on = !root.classList.contains("gk-elder");
      root.classList.toggle("gk-elder", on);
      show(on);
      try { localStorage.setItem(ELDER_KEY, on ? "1" : "0"); } catch (error) { /* private mode: not remembered */ }
    });
    var search = header.querySelector(".md-search");
    header.insertBefore(button, search || null);
  }

  /* Search: a box in the header of every page leads to the search page (search.js). */
  function meta(name) {
    var element = document.querySelector("meta[name='" + name + "']");
    return element ? element.getAttribute("content") : "";
  }

  function siteRoot() {
    return new URL((meta("gongkai-base") || ".") + "/", location.href);
  }

  function addHeaderSearch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || meta("gongkai-search") !== "gongkai" || document.getElementById("gk-search")) return;
    var form = document.createElement("form");
    form.className = "gk-header-search";
    form.setAttribute("role", "search");
    form.action = new URL("search/", siteRoot()).href;
    form.method = "get";
    var label = document.createElement("label");
    label.className = "md-visually-hidden";
    label.setAttribute("for", "gk-header-query");
    label.textContent = "搜索";
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.id = "gk-header-query";
    input.placeholder = "搜索";
    input.autocomplete = "off";
    var button = document.createElement("button");
    button.type = "submit";
    button.textContent = "搜索";
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(button);
    header.insertBefore(form, header.querySelector(".gk-elder-toggle"));
  }

  function start() {
    addElderToggle();
    addHeaderSearch();
    if (window.gongkaiSearchPage) window.gongkaiSearchPage(siteRoot());
    nameSearchDialog();
    cleanSearchResults();
    Array.prototype.forEach.call(document.querySelectorAll(".gk-table"), enhanceTable);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
