// Runs before the page is shown: the first screen pre-rendered into index.html is the default
// one (Quảng Ninh, 2019, Vietnamese, built-in data). When the page will open on another (a
// scenario in the address, a query, imported data kept in this browser), it is hidden until
// the app renders, so that no wrong number is ever shown.
(function () {
  var other = location.hash.length > 1 || /[?&](embed|present|province|year|lang)=/.test(location.search);
  try {
    other = other || !!localStorage.getItem('ict-index/imported/v1');
  } catch (e) {
    other = true;
  }
  if (other) document.documentElement.classList.add('no-prerender');
})();
