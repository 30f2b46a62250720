/* Material joins jieba's words with U+200B in the search index; its results show them, and a citizen
   who copies a result title gets invisible characters. Remove them from rendered results. */
(function () {
  "use strict";
  var ZERO_WIDTH_SPACE = /\u200b/g;

  function clean(node) {
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var text = walker.currentNode;
      if (text.nodeValue.indexOf("\u200b") !== -1) {
        text.nodeValue = text.nodeValue.replace(ZERO_WIDTH_SPACE, "");
      }
    }
  }

  function watch() {
    var results = document.querySelector(".md-search-result");
    if (!results) return;
    new MutationObserver(function () { clean(results); }).observe(results, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
