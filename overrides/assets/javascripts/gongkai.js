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

  /* Search with Pagefind: a box in the header of every page leads to the search page, which asks the
     Pagefind index (downloaded in small chunks) and shows 标题, 发布日期 and 文号 with filters. */
  var FILTERS = ["类型", "年度", "发布机构", "有效性"];
  var PAGE_SIZE = 10;

  function meta(name) {
    var element = document.querySelector("meta[name='" + name + "']");
    return element ? element.getAttribute("content") : "";
  }

  function siteRoot() {
    return new URL((meta("gongkai-base") || ".") + "/", location.href);
  }

  function addHeaderSearch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || meta("gongkai-search") !== "pagefind" || document.getElementById("gk-search")) return;
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

  function searchPage() {
    var box = document.getElementById("gk-search");
    if (!box) return;
    var form = box.querySelector("form");
    var input = box.querySelector("#gk-search-query");
    var filterBox = box.querySelector(".gk-search__filters");
    var status = box.querySelector(".gk-search__status");
    var list = box.querySelector(".gk-search__results");
    var more = box.querySelector(".gk-search__more");
    var params = new URLSearchParams(location.search);
    var selects = {};
    var results = [];
    var shown = 0;
    var pagefind;
    input.value = params.get("q") || "";
    status.textContent = "正在加载搜索……";

    function chosenFilters() {
      var chosen = {};
      FILTERS.forEach(function (name) { if (selects[name] && selects[name].value) chosen[name] = selects[name].value; });
      return chosen;
    }

    function remember() {
      var next = new URLSearchParams();
      if (input.value.trim()) next.set("q", input.value.trim());
      var chosen = chosenFilters();
      Object.keys(chosen).forEach(function (name) { next.set(name, chosen[name]); });
      history.replaceState(null, "", "?" + next.toString());
    }

    // The index holds Chinese text as pairs of neighbouring characters, each an ASCII word
    // (generator/search_index.py, tokens()). A query word becomes the same pairs, searched as an exact
    // phrase: a substring match. Several words separated by spaces must all be found.
    var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
    var RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9A-Za-z]+/g;

    function charCode(char) {
      var number = char.codePointAt(0);
      var letters = "";
      for (var i = 0; i < 5; i += 1) {
        letters = String.fromCharCode(97 + (number % 26)) + letters;
        number = Math.floor(number / 26);
      }
      return letters;
    }

    function queryWords(word) {
      var runs = word.match(RUN) || [];
      var words = [];
      runs.forEach(function (run, index) {
        var last = index === runs.length - 1;
        if (!HAN.test(run)) { words.push(run.toLowerCase()); return; }
        var chars = Array.from(run);
        for (var i = 0; i + 1 < chars.length; i += 1) words.push("q" + charCode(chars[i]) + charCode(chars[i + 1]));
        // where the query's run ends the text's run may go on: its last character is covered by the
        // last pair, or, for a single character at the very end, searched as a prefix
        if (!last) words.push("q" + charCode(chars[chars.length - 1]));
        else if (chars.length === 1) words.push("q" + charCode(chars[0]));
      });
      return words;
    }

    function pagefindQuery(word) {
      var words = queryWords(word);
      return words.length > 1 ? '"' + words.join(" ") + '"' : words.join("");
    }

    // A chosen filter is one more word every result must have (generator/search_index.py, filter_token()).
    function filterWord(name, value) {
      return "zf" + Array.from(name).map(charCode).join("") + "x" + Array.from(value).map(charCode).join("");
    }

    function find(query, chosen) {
      var words = query.split(/\s+/).filter(Boolean).map(pagefindQuery).filter(Boolean);
      var byDate = !words.length;  // a search by filters alone lists the newest first
      Object.keys(chosen).forEach(function (name) { words.push(filterWord(name, chosen[name])); });
      var options = byDate ? { sort: { date: "desc" } } : {};
      return Promise.all(words.map(function (word) { return pagefind.search(word, options); })).then(function (searches) {
        var found = searches[0].results;
        searches.slice(1).forEach(function (other) {
          var ids = {};
          other.results.forEach(function (r) { ids[r.id] = true; });
          found = found.filter(function (r) { return ids[r.id]; });
        });
        return found;
      });
    }

    // The excerpt: the stored plain text around the first place a query word occurs, words marked.
    function excerptOf(text, query) {
      var words = query.split(/\s+/).filter(Boolean);
      var at = words.reduce(function (best, word) { var i = text.indexOf(word); return i >= 0 && (best < 0 || i < best) ? i : best; }, -1);
      var start = Math.max(0, at - 30);
      var piece = text.slice(start, start + 110);
      var fragment = document.createDocumentFragment();
      if (start > 0) fragment.appendChild(document.createTextNode("…"));
      var pattern = words.length ? new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "g") : null;
      var position = 0;
      var match;
      while (pattern && (match = pattern.exec(piece))) {
        fragment.appendChild(document.createTextNode(piece.slice(position, match.index)));
        var mark = document.createElement("mark");
        mark.textContent = match[0];
        fragment.appendChild(mark);
        position = match.index + match[0].length;
      }
      fragment.appendChild(document.createTextNode(piece.slice(position) + (start + 110 < text.length ? "…" : "")));
      return fragment;
    }

    function render(data) {
      var item = document.createElement("li");
      item.className = "gk-search__result";
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var heading = document.createElement("h2");
      heading.appendChild(link);
      item.appendChild(heading);
      var details = document.createElement("p");
      details.className = "gk-search__details";
      [data.meta["发布日期"], data.meta["文号"]].forEach(function (value) {
        if (!value) return;
        var span = document.createElement("span");
        span.textContent = value;
        details.appendChild(span);
      });
      item.appendChild(details);
      var excerpt = document.createElement("p");
      excerpt.className = "gk-search__excerpt";
      excerpt.appendChild(excerptOf(data.meta.text || "", input.value.trim()));
      item.appendChild(excerpt);
      return item;
    }

    // A query that is a 文号 puts the document with that 文号 first, before documents that cite it.
    var DOC_NUMBER = /^\s*\S+〔\d{4}〕\d+号\s*$/;

    function docNumberFirst(query, found) {
      if (!DOC_NUMBER.test(query)) return Promise.resolve(found);
      var head = found.slice(0, 50);
      return Promise.all(head.map(function (r) { return r.data(); })).then(function (datas) {
        var own = head.filter(function (r, i) { return (datas[i].meta["文号"] || "") === query.trim(); });
        return own.concat(found.filter(function (r) { return own.indexOf(r) < 0; }));
      });
    }

    function showMore() {
      var batch = results.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      more.hidden = shown >= results.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
        datas.forEach(function (data) { list.appendChild(render(data)); });
      });
    }

    function run() {
      remember();
      var query = input.value.trim();
      var chosen = chosenFilters();
      list.innerHTML = "";
      shown = 0;
      if (!query && !Object.keys(chosen).length) {
        results = [];
        more.hidden = true;
        status.textContent = "请输入关键词，或选择筛选条件。";
        return Promise.resolve();
      }
      status.textContent = "正在搜索……";
      return find(query, chosen).then(function (found) {
        return docNumberFirst(query, found);
      }).then(function (found) {
        results = found;
        status.textContent = results.length ? "找到 " + results.length + " 条结果" : "没有找到相关信息。可以换个关键词，或减少筛选条件。";
        return showMore();
      });
    }

    function connectFilters() {
      Array.prototype.forEach.call(filterBox.querySelectorAll("select"), function (select) {
        select.value = params.get(select.name) || "";
        select.addEventListener("change", run);
        selects[select.name] = select;
      });
    }

    // After a search the focus goes to its outcome ("找到 N 条结果"), where the results begin: a keyboard or
    // screen-reader user does not have to find them. A change of filter keeps the focus on the filter.
    function focusResults() {
      status.setAttribute("tabindex", "-1");
      status.focus();
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run().then(focusResults); });
    more.addEventListener("click", showMore);
    import(new URL("pagefind/pagefind.js", siteRoot()).href).then(function (module) {
      pagefind = module;
      return pagefind.options({ baseUrl: siteRoot().pathname, excerptLength: 40 });
    }).then(function () {
      connectFilters();
      return run().then(function () { if (input.value.trim()) focusResults(); });
    }).catch(function () {
      status.textContent = "搜索暂时无法使用（搜索索引没有加载）。可以在政府信息公开目录中按年份查找。";
    });
  }

  function start() {
    addElderToggle();
    addHeaderSearch();
    searchPage();
    nameSearchDialog();
    cleanSearchResults();
    Array.prototype.forEach.call(document.querySelectorAll(".gk-table"), enhanceTable);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
