/* Search, without the page: reads the index gongkai writes (generator/search/index.py), finds every entry
   that contains the query and ranks the results (search.js shows them). Words are as in generator/search/words.py:
   a Chinese character, a run of digits or a run of Latin letters is a unit; the index holds each unit
   with the unit after it, so a query is found as a chain of those pairs at consecutive positions.

   Ranking (README, Search): the document whose own 文号 was typed comes first; then results whose
   title holds more of the query's words; among equals, newer before older (entries are numbered newest
   first). When nothing holds the whole query, the entries holding most of its pairs are shown as near
   results, so that a mistyped character (森林放火) still finds what was meant. */
(function () {
  "use strict";

  var HAN = /^[\u3400-\u4dbf\u4e00-\u9fff]$/;
  var BREAK = /^[\s。，、；：！？,.;:!?]$/;
  var SEPARATOR = " ";
  var FILTER = "!";
  var DOC_NUMBER = "#";
  // A 文号 typed loosely (纸政发2024年11号, 纸政发 2024 11, 纸政发[2024]11), as words.py reads it
  var DOC_NUMBER_QUERY = new RegExp("^\\s*([\\u3400-\\u4dbf\\u4e00-\\u9fff]{2,})\\s*(?:[〔\\[(【]\\s*((?:19|20)\\d{2})\\s*[〕\\])】]?|" +
    "((?:19|20)\\d{2})\\s*(?:年|\\s)|((?:19|20)\\d{2})\\s*[〕\\])】])\\s*(\\d{1,4})\\s*号?\\s*$");

  /* The units of a text as words.py reads them, each with where it stands in the text (to mark it) and
     whether the next unit follows it in the same phrase. */
  function units(text) {
    var found = [];
    var run = "";  // "d" or "l" while a run of digits or letters may go on
    var offset = 0;
    Array.from(text).forEach(function (character) {
      var start = offset;
      offset += character.length;
      Array.from(character.normalize("NFKC")).forEach(function (c) {
        var kind = HAN.test(c) ? "h" : /^[0-9]$/.test(c) ? "d" : /^[A-Za-z]$/.test(c) ? "l" : BREAK.test(c) ? "b" : "";
        if (kind === "b" && found.length) found[found.length - 1].joined = false;
        if (kind !== "d" && kind !== "l") run = "";
        if (kind === "b" || !kind) return;
        if (kind === run) {
          found[found.length - 1].text += c.toLowerCase();
          found[found.length - 1].end = offset;
          return;
        }
        found.push({ text: c.toLowerCase(), start: start, end: offset, joined: true });
        run = kind === "h" ? "" : kind;
      });
    });
    if (found.length) found[found.length - 1].joined = false;
    return found;
  }

  function docNumberQuery(query) {
    var match = DOC_NUMBER_QUERY.exec(query.normalize("NFKC"));
    return match ? match[1] + "〔" + (match[2] || match[3] || match[4]) + "〕" + match[5] + "号" : null;
  }

  /* What the index must hold for a query word, at which offset from where the word begins: units with
     the unit after them, a unit where its phrase ends, and a unit left alone at the end as any term it
     begins (a prefix). Every pair is needed to score near results (`all`); to find the word itself, pairs
     that cover every unit are enough (最低 生活 保障 for 最低生活保障): each is a download, half as many. */
  function requirements(word, all) {
    var needs = [];
    var covered = -1;  // the last unit a chosen pair holds
    word.forEach(function (unit, i) {
      if (i === word.length - 1) {
        if (covered < i) needs.push({ key: unit.text + SEPARATOR, offset: i, prefix: true });
      } else if (!unit.joined) {
        needs.push({ key: unit.text + SEPARATOR, offset: i });
        covered = i;
      } else if (all || covered < i || (i === word.length - 2 && covered < i + 1)) {
        needs.push({ key: unit.text + SEPARATOR + word[i + 1].text, offset: i });
        covered = i + 1;
      }
    });
    return needs;
  }

  function readVarint(bytes, at) {
    var value = 0;
    var shift = 0;
    var byte;
    do {
      byte = bytes[at.i];
      at.i += 1;
      value += (byte & 0x7f) * Math.pow(2, shift);
      shift += 7;
    } while (byte & 0x80);
    return value;
  }

  /* The index as the page downloads it: meta.json first, then the chunks the queries need, each once. */
  function Index(base) {
    var meta = null;
    var chunks = {};
    var decoder = new TextDecoder();

    function get(path, as) {
      return fetch(base + path + "?v=" + meta.stamp).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response[as]();
      });
    }

    function chunkOf(key) {  // the last chunk whose first term is not after `key`
      var low = 0;
      var high = meta.chunks.length - 1;
      while (low < high) {
        var middle = (low + high + 1) >> 1;
        if (meta.chunks[middle] <= key) low = middle; else high = middle - 1;
      }
      return low;
    }

    function chunk(number) {
      if (!chunks[number]) {
        chunks[number] = get("c/" + number + ".bin", "arrayBuffer").then(function (buffer) {
          var bytes = new Uint8Array(buffer);
          var terms = {};
          var at = { i: 0 };
          while (at.i < bytes.length) {
            var length = readVarint(bytes, at);
            var key = decoder.decode(bytes.subarray(at.i, at.i + length));
            at.i += length;
            var size = readVarint(bytes, at);
            terms[key] = bytes.subarray(at.i, at.i + size);
            at.i += size;
          }
          return terms;
        });
      }
      return chunks[number];
    }

    function decode(payload, into) {  // entry number → positions, added to `into`
      var at = { i: 0 };
      var count = readVarint(payload, at);
      var number = 0;
      for (var n = 0; n < count; n += 1) {
        number += readVarint(payload, at);
        var positions = into.get(number) || [];
        var total = readVarint(payload, at);
        var position = 0;
        for (var p = 0; p < total; p += 1) {
          position += readVarint(payload, at);
          positions.push(position);
        }
        into.set(number, positions);
      }
      return into;
    }

    /* The entries holding a term, or, for a prefix, any term it begins (positions merged); each decoded
       once per page, however many searches (and near results) ask for it. */
    var decoded = {};

    function postings(requirement) {
      var name = requirement.key + (requirement.prefix ? "*" : "");
      if (!decoded[name]) decoded[name] = postingsOf(requirement);
      return decoded[name];
    }

    function postingsOf(requirement) {
      var key = requirement.key;
      var first = chunkOf(key);
      var numbers = [first];
      if (requirement.prefix) {
        for (var i = first + 1; i < meta.chunks.length && meta.chunks[i].slice(0, key.length) === key; i += 1) numbers.push(i);
      }
      return Promise.all(numbers.map(chunk)).then(function (loaded) {
        var found = new Map();
        loaded.forEach(function (terms) {
          Object.keys(terms).forEach(function (term) {
            if (term === key || (requirement.prefix && term.slice(0, key.length) === key)) decode(terms[term], found);
          });
        });
        if (requirement.prefix) found.forEach(function (positions) { positions.sort(function (a, b) { return a - b; }); });
        return found;
      });
    }

    return {
      load: function () {
        return fetch(base + "meta.json").then(function (response) {  // as the page's preload asked for it
          if (!response.ok) throw new Error("meta.json: " + response.status);
          return response.json();
        }).then(function (loaded) { meta = loaded; });
      },
      titleSpan: function () { return meta.title_span; },
      postings: postings,
      entry: function (number) { return get("r/" + number + ".json", "json"); },
    };
  }

  function holds(sorted, value) {
    var low = 0;
    var high = sorted.length - 1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (sorted[middle] === value) return true;
      if (sorted[middle] < value) low = middle + 1; else high = middle - 1;
    }
    return false;
  }

  /* Entries holding every requirement of a word at consecutive offsets: number → true if in the title. */
  function matchWord(needs, lists, titleSpan) {
    var smallest = lists.reduce(function (a, b) { return a.size <= b.size ? a : b; });
    var found = new Map();
    smallest.forEach(function (_, number) {
      var here = lists.map(function (list) { return list.get(number); });
      if (here.some(function (positions) { return !positions; })) return;
      here[0].forEach(function (start) {
        var at = start - needs[0].offset;
        var whole = needs.every(function (need, k) { return holds(here[k], at + need.offset); });
        if (whole) found.set(number, found.get(number) || at < titleSpan);
      });
    });
    return found;
  }

  // A pasted paragraph is searched by its beginning: each term costs a download, so a query is at most
  // MAX_WORDS words of MAX_UNITS units (a whole sentence of a title still fits).
  var MAX_WORDS = 8;
  var MAX_UNITS = 40;

  /* The query's words as units; a 文号 typed in any of its forms is one word, written as documents write it. */
  function queryWords(query) {
    var number = docNumberQuery(query);
    var words = (number ? [number] : query.normalize("NFKC").split(/\s+/)).map(function (word) {
      return units(word).slice(0, MAX_UNITS);
    }).filter(function (word) { return word.length; }).slice(0, MAX_WORDS);
    return { words: words, docNumber: number && DOC_NUMBER + units(number).map(function (u) { return u.text; }).join(SEPARATOR) };
  }

  function search(index, query, chosen) {
    var parsed = queryWords(query);
    var needs = parsed.words.map(function (word) { return requirements(word, false); });
    var filterKeys = Object.keys(chosen).map(function (name) { return FILTER + name + SEPARATOR + chosen[name]; });
    var flat = [].concat.apply([], needs).concat(filterKeys.map(function (key) { return { key: key, offset: 0 }; }));
    if (parsed.docNumber) flat.push({ key: parsed.docNumber, offset: 0 });
    return Promise.all(flat.map(index.postings)).then(function (lists) {
      var byKey = {};
      flat.forEach(function (need, i) { byKey[need.key + (need.prefix ? "*" : "")] = lists[i]; });
      function listOf(need) { return byKey[need.key + (need.prefix ? "*" : "")]; }
      var allowed = filterKeys.map(function (key) { return byKey[key]; });
      function filtered(number) { return allowed.every(function (list) { return list.has(number); }); }
      var own = parsed.docNumber ? byKey[parsed.docNumber] : new Map();

      if (!needs.length) {  // filters alone: everything they allow, newest first
        var all = allowed.reduce(function (a, b) { return a.size <= b.size ? a : b; });
        return { numbers: Array.from(all.keys()).filter(filtered).sort(function (a, b) { return a - b; }), near: false, words: parsed.words };
      }
      var matches = needs.map(function (wordNeeds) { return matchWord(wordNeeds, wordNeeds.map(listOf), index.titleSpan()); });
      var titled = new Map();
      matches[0].forEach(function (_, number) {
        if (!filtered(number) || !matches.every(function (m) { return m.has(number); })) return;
        titled.set(number, matches.filter(function (m) { return m.get(number); }).length);
      });
      if (titled.size) {
        var numbers = Array.from(titled.keys()).sort(function (a, b) {
          return (own.has(b) - own.has(a)) || (titled.get(b) - titled.get(a)) || (a - b);
        });
        return { numbers: numbers, near: false, words: parsed.words };
      }
      // a 文号 is exact or nothing: a document of a neighbouring number is not a near result
      if (parsed.docNumber) return { numbers: [], near: true, words: parsed.words };
      var pairs = [].concat.apply([], parsed.words.map(function (word) { return requirements(word, true); }));
      return Promise.all(pairs.map(index.postings)).then(function (pairLists) {
        var near = nearest(pairs, function (need) { return pairLists[pairs.indexOf(need)]; }, filtered, index.titleSpan());
        return { numbers: near, near: true, words: parsed.words };
      });
    });
  }

  /* When no entry holds the whole query: the entries holding most of its pairs, titles first, newest first.
     A mistyped character inside a word breaks two of its pairs, so an entry holding a third of them is
     near (森林放火: 森林 of 森林, 林放, 放火); fewer is chance (量子计算机: only 计算). */
  function nearest(needs, listOf, filtered, titleSpan) {
    var score = new Map();
    var inTitle = new Map();
    needs.forEach(function (need) {
      listOf(need).forEach(function (positions, number) {
        if (!filtered(number)) return;
        score.set(number, (score.get(number) || 0) + 1);
        if (positions.length && positions[0] < titleSpan) inTitle.set(number, (inTitle.get(number) || 0) + 1);
      });
    });
    var enough = Math.max(1, Math.ceil(needs.length / 3));
    return Array.from(score.keys()).filter(function (number) { return score.get(number) >= enough; }).sort(function (a, b) {
      return (score.get(b) - score.get(a)) || ((inTitle.get(b) || 0) - (inTitle.get(a) || 0)) || (a - b);
    });
  }

  /* Where the query's words stand in a text, as [start, end) spans; a word matches as the index does. */
  function spans(text, words) {
    var found = [];
    var read = units(text);
    words.forEach(function (word) {
      for (var i = 0; i + word.length <= read.length; i += 1) {
        var whole = word.every(function (unit, j) {
          return read[i + j].text === unit.text && (j === word.length - 1 || read[i + j].joined === unit.joined);
        });
        if (whole) found.push([read[i].start, read[i + word.length - 1].end]);
      }
    });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }

  /* For near results the query's pairs are marked, not whole words. */
  function pairsOf(words) {
    var pairs = [];
    words.forEach(function (word) {
      if (word.length === 1) pairs.push(word);
      for (var i = 0; i + 1 < word.length; i += 1) pairs.push(word.slice(i, i + 2));
    });
    return pairs;
  }

  window.gongkaiSearchEngine = { Index: Index, queryWords: queryWords, search: search, spans: spans, pairsOf: pairsOf };
})();
