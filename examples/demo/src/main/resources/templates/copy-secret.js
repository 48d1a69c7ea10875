(function () {
  var button = document.getElementById('copy-secret');
  var field = document.getElementById('client-secret');
  if (!button || !field) { return; }
  button.hidden = false;
  button.addEventListener('click', function () {
    field.focus();
    field.select();
    var copied = false;
    try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
    if (copied) { button.textContent = 'Copied'; return; }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(
        function () { button.textContent = 'Copied'; },
        function () { button.textContent = 'Press Ctrl+C'; });
    } else {
      button.textContent = 'Press Ctrl+C';
    }
  });
})();
