/* The search page: the query box, the filters, the results with their details and excerpts, 更多结果.
   Finding and ranking are search-engine.js's; this file shows what it found. */
(function () {
  "use strict";

  var engine = window.gongkaiSearchEngine;
  var FILTERS = ["类型", "年度", "发布机构", "有效性"];
  var ENDED = ["失效", "废止"];  // 有效性 values that a result marks as no longer in force
  var PAGE_SIZE = 10;

  function marked(text, found, from, to) {
    var fragment = document.createDocumentFragment();
    var position = from;
    found.forEach(function (span) {
      var start = Math.max(span[0], position);
      var end = Math.min(span[1], to);
      if (start >= end) return;
      fragment.appendChild(document.createTextNode(text.slice(position, start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      fragment.appendChild(mark);
      position = end;
    });
    fragment.appendChild(document.createTextNode(text.slice(position, to)));
    return fragment;
  }

  /* The excerpt: the body around the first match, wherever it is; else the line of the page's details
     that matched (an attachment, a banner, 有效性); else the body's opening. */
  function excerpt(entry, words) {
    var body = entry.body.replace(/\s+/g, " ");
    var inBody = engine.spans(body, words);
    if (!inBody.length) {
      var line = entry.details.filter(function (l) { return engine.spans(l, words).length; })[0];
      if (line) return marked(line, engine.spans(line, words), 0, line.length);
    }
    var at = inBody.length ? inBody[0][0] : 0;
    var start = Math.max(0, at - 30);
    var end = Math.min(body.length, start + 120);
    var fragment = document.createDocumentFragment();
    if (start > 0) fragment.appendChild(document.createTextNode("…"));
    fragment.appendChild(marked(body, inBody, start, end));
    if (end < body.length) fragment.appendChild(document.createTextNode("…"));
    return fragment;
  }

  function render(entry, number, words, root) {
    var item = document.createElement("li");
    item.className = "gk-search__result";
    item.setAttribute("data-entry", String(number));
    var link = document.createElement("a");
    link.href = new URL(entry.url, root).href;
    link.appendChild(marked(entry.title, engine.spans(entry.title, words), 0, entry.title.length));
    var heading = document.createElement("h2");
    heading.appendChild(link);
    item.appendChild(heading);
    var details = document.createElement("p");
    details.className = "gk-search__details";
    [["类型", entry.kind], ["发布日期", entry.date], ["文号", entry.doc_number], ["有效性", entry.status]].forEach(function (pair) {
      if (!pair[1]) return;
      var span = document.createElement("span");
      span.setAttribute("data-field", pair[0]);
      var text = pair[0] === "有效性" ? "有效性：" + pair[1] : pair[1];
      if (pair[0] === "有效性" && ENDED.indexOf(pair[1]) >= 0) {
        var ended = document.createElement("strong");
        ended.className = "gk-search__ended";
        ended.textContent = text;
        span.appendChild(ended);
      } else {
        span.textContent = text;
      }
      details.appendChild(span);
    });
    item.appendChild(details);
    var text = document.createElement("p");
    text.className = "gk-search__excerpt";
    text.appendChild(excerpt(entry, words));
    item.appendChild(text);
    return item;
  }

  window.gongkaiSearchPage = function (root) {
    var box = document.getElementById("gk-search");
    if (!box) return;
    var form = box.querySelector("form");
    var input = box.querySelector("#gk-search-query");
    var filterBox = box.querySelector(".gk-search__filters");
    var status = box.querySelector(".gk-search__status");
    var list = box.querySelector(".gk-search__results");
    var more = box.querySelector(".gk-search__more");
    var params = new URLSearchParams(location.search);
    var index = engine.Index(new URL("search-index/", root).href);
    var selects = {};
    var found = { numbers: [], words: [], near: false };
    var shown = 0;
    var latest = 0;  // a slow answer to an earlier query is not shown over a newer one
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

    function showMore() {
      var batch = found.numbers.slice(shown, shown + PAGE_SIZE);
      var words = found.near ? engine.pairsOf(found.words) : found.words;
      var asked = latest;
      shown += batch.length;
      more.hidden = shown >= found.numbers.length;
      return Promise.all(batch.map(index.entry)).then(function (entries) {
        if (asked !== latest) return;  // a newer search has begun: these results are not its
        entries.forEach(function (entry, i) { list.appendChild(render(entry, batch[i], words, root)); });
      });
    }

    function run() {
      remember();
      var query = input.value.trim();
      var chosen = chosenFilters();
      var asked = latest += 1;
      list.innerHTML = "";
      shown = 0;
      if (!engine.queryWords(query).words.length && !Object.keys(chosen).length) {
        found = { numbers: [], words: [], near: false };
        more.hidden = true;
        status.textContent = "请输入关键词，或选择筛选条件。";
        return Promise.resolve();
      }
      status.textContent = "正在搜索……";
      return engine.search(index, query, chosen).then(function (result) {
        if (asked !== latest) return null;
        found = result;
        return showMore().then(function () {  // the outcome is said once its first results are on the page
          if (asked !== latest) return;
          if (!result.numbers.length) status.textContent = "没有找到相关信息。可以换个关键词，或减少筛选条件。";
          else if (result.near) status.textContent = "没有完全匹配的结果，以下是相近的结果（共 " + result.numbers.length + " 条）";
          else status.textContent = "找到 " + result.numbers.length + " 条结果";
        });
      }).catch(unavailable);
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

    function unavailable() {
      status.textContent = "搜索暂时无法使用（搜索索引没有加载）。可以在政府信息公开目录中按年份查找。";
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run().then(focusResults); });
    more.addEventListener("click", showMore);
    index.load().then(function () {
      connectFilters();
      return run().then(function () { if (input.value.trim()) focusResults(); });
    }).catch(unavailable);
  };
})();
