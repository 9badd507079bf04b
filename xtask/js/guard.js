// Runs before the page is shown: the first screen pre-rendered into index.html is the default
// one (Quảng Ninh, 2019, Vietnamese, built-in data). When the page will open on another (a
// scenario in the address, a query, imported data kept in this browser), it is hidden until
// the app renders, so that no wrong number is ever shown.
//
// On the pre-rendered screen the visitor can act before the app is live (type a value, move a
// slider, choose a province, press a button or a shortcut): every action is recorded here, in
// the order taken, and the app does them all again in that order as it takes over
// (`ictTakeover` just before, `ictReplay` after its first render), as if they had been done in
// it. One record: edits, resets, undo, presets, choices and clicks alike.
(function () {
  var other = location.hash.length > 1 || /[?&](embed|present|province|year|lang)=/.test(location.search);
  try {
    other = other || !!localStorage.getItem('ict-index/imported/v1');
  } catch (e) {
    other = true;
  }
  if (other) {
    document.documentElement.classList.add('no-prerender');
    return;
  }
  var record = [];
  // 'pre': recording the pre-rendered screen; 'replay': the app does the record again, and
  // what the visitor does meanwhile goes at its end (kept from the app until then); 'live'.
  var mode = 'pre';
  var focus = null;
  var pre = function () { return document.getElementById('ict-prerender'); };
  // Whether event `e` on `el`, of a kind that is recorded, is (and, during the replay, it is
  // kept from the app for now). Each listener asks only for what it records.
  var inPre = function (el, e) {
    if (!(el instanceof Element)) return false;
    // (Not what the pre-rendered screen's removal fires: a focused field losing its focus.)
    if (mode === 'replay' && e && e.isTrusted && !el.closest('#ict-prerender')) {
      e.stopImmediatePropagation();
      return true;
    }
    var p = pre();
    return mode === 'pre' && !!p && p.contains(el);
  };
  // A selector that finds an element's counterpart in the app: by the attribute that names it,
  // else by its place under the nearest element that has one.
  var NAMES = ['data-indicator', 'data-slider', 'data-testid', 'data-preset', 'data-stage-view', 'data-province', 'id'];
  var key = function (el) {
    var parts = [];
    for (var e = el; e && e !== pre(); e = e.parentElement) {
      var tag = e.tagName.toLowerCase();
      for (var k = 0; k < NAMES.length; k++) {
        var v = e.getAttribute(NAMES[k]);
        if (v) { parts.unshift(tag + '[' + NAMES[k] + '="' + v + '"]'); return parts.join(' > '); }
      }
      var n = 1;
      for (var s = e.previousElementSibling; s; s = s.previousElementSibling) if (s.tagName === e.tagName) n++;
      parts.unshift(tag + ':nth-of-type(' + n + ')');
    }
    return null;
  };
  var add = function (step) { if (step.s) record.push(step); };
  var isField = function (t) { return t.matches('input, select, textarea') && t.type !== 'range' && t.type !== 'checkbox'; };
  document.addEventListener('input', function (e) {
    var t = e.target;
    // (Not a file picker's: its value cannot be set again, and its file is the app's to read.)
    if (t.matches('input') && t.type !== 'file' && inPre(t, e)) add({ k: 'input', s: key(t), v: t.value });
  }, true);
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (t.matches('select') && inPre(t, e)) add({ k: 'change', s: key(t), v: t.value });
  }, true);
  document.addEventListener('focusout', function (e) {
    var t = e.target;
    if (t.matches('input[data-indicator]') && inPre(t, e)) add({ k: 'blur', s: key(t) });
  }, true);
  document.addEventListener('click', function (e) {
    var t = e.target instanceof Element && e.target.closest('button, summary, a[href^="#"], input[type="checkbox"]');
    if (!t || !inPre(t, e)) return;
    // An in-page link waits for the app (which keeps the address for the scenario); during the
    // replay nothing is done before its turn.
    if (t.matches('a') || mode === 'replay') e.preventDefault();
    add({ k: 'click', s: key(t) });
  }, true);
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    // (Tab moves the focus, which the app is given back as it takes over: never held.)
    if (!(t instanceof Element) || e.key === 'Tab') return;
    // Typing in a field is its input events; what else a key does (a shortcut, undo) is the
    // app's: the key is done again on the field's counterpart, or on the page.
    var undo = (e.ctrlKey || e.metaKey) && /^[zy]$/i.test(e.key);
    if (isField(t) && !undo) {
      // (During the replay the app does not see it before the inputs it follows.)
      if (mode === 'replay' && e.isTrusted && !t.closest('#ict-prerender')) e.stopImmediatePropagation();
      return;
    }
    if (!(mode === 'pre' && t === document.body || inPre(t, e))) return;
    // A slider's keys are the app's own steps (not the browser's): done then, not now.
    var sliderKey = t.matches('input[type="range"]') && /^(Arrow|Page|Home|End)/.test(e.key);
    if (undo || sliderKey || mode === 'replay') e.preventDefault();
    add({ k: 'key', s: t === document.body ? 'body' : key(t), key: e.key, ctrl: e.ctrlKey, shift: e.shiftKey, alt: e.altKey, meta: e.metaKey });
  }, true);
  // Just before the app replaces the pre-rendered screen: its field with the focus, and the
  // caret there.
  window.ictTakeover = function () {
    mode = 'replay';
    var a = document.activeElement;
    if (a && pre() && pre().contains(a) && a !== pre()) {
      focus = { s: key(a), start: a.selectionStart, end: a.selectionEnd };
    }
    // Should the app never come to replay (it stopped), the page is not held.
    setTimeout(function () { if (!replaying) mode = 'live'; }, 5000);
  };
  var replaying = false;
  var fire = function (el, kind) { el.dispatchEvent(new Event(kind, { bubbles: true })); };
  // After the app's first render: every recorded action, in order, on its counterpart (one
  // whose counterpart the app does not show is passed over), the app rendering between two;
  // then the focus and the caret back where they were.
  window.ictReplay = async function () {
    mode = 'replay';
    replaying = true;
    // The focus back first, so that what the visitor types meanwhile goes where they were.
    if (focus && focus.s) {
      var f = document.querySelector(focus.s);
      if (f) {
        f.focus();
        try { if (typeof focus.start === 'number') f.setSelectionRange(focus.start, focus.end); } catch (e) { /* not a text field */ }
      }
    }
    var done = 0;
    try {
    while (record.length) {
      var st = record.shift();
      done++;
      var el = st.s === 'body' ? document.body : document.querySelector(st.s);
      if (!el) continue;
      // (A step that cannot be done is passed over: never the ones after it.)
      try {
        if (st.k === 'input') { el.value = st.v; fire(el, 'input'); }
        else if (st.k === 'change') { el.value = st.v; fire(el, 'change'); }
        else if (st.k === 'blur') { el.dispatchEvent(new FocusEvent('blur')); el.dispatchEvent(new FocusEvent('focusout', { bubbles: true })); }
        else if (st.k === 'click') el.click();
        else if (st.k === 'key') {
          el.dispatchEvent(new KeyboardEvent('keydown', { key: st.key, ctrlKey: st.ctrl, shiftKey: st.shift, altKey: st.alt, metaKey: st.meta, bubbles: true, cancelable: true }));
        }
      } catch (e) { /* passed over */ }
      // The app renders before the next (its scheduler runs after the event, and may yield).
      for (var m = 0; m < 2; m++) await new Promise(function (r) { setTimeout(r, 0); });
    }
    } finally {
      mode = 'live';
    }
    window.ictReplayed = done;
  };
})();
