// /verifier's optional camera: where the browser can read QR codes itself (BarcodeDetector, e.g. Chrome on
// Android) and has a camera, a button scans the document's QR code, fills the form and sends it. Elsewhere
// nothing changes: the form works by typing or pasting. No library is downloaded.
(function () {
  'use strict';
  var form = document.querySelector('form[data-scan]');
  if (!form || !('BarcodeDetector' in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  var field = form.querySelector('textarea[name="code"]');
  Promise.resolve(window.BarcodeDetector.getSupportedFormats ? window.BarcodeDetector.getSupportedFormats() : ['qr_code'])
    .then(function (formats) {
      if (formats.indexOf('qr_code') >= 0) offer();
    })
    .catch(function () {});

  function offer() {
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = form.getAttribute('data-scan');
    var status = document.createElement('p');
    status.setAttribute('role', 'status');
    var video = document.createElement('video');
    video.setAttribute('playsinline', '');
    video.muted = true;
    video.hidden = true;
    video.style.maxWidth = '100%';
    form.insertBefore(button, form.firstChild);
    form.insertBefore(status, button.nextSibling);
    form.insertBefore(video, status.nextSibling);
    var stream = null;
    var timer = 0;

    function stop() {
      clearTimeout(timer);
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
      video.hidden = true;
      button.textContent = form.getAttribute('data-scan');
    }

    function look() {
      detector
        .detect(video)
        .then(function (codes) {
          var found = codes.filter(function (c) { return /\/V\/[0-9A-Z]+$/i.test(c.rawValue) || /^[0-9A-Z\s]{60,}$/i.test(c.rawValue); })[0];
          if (!found) {
            timer = setTimeout(look, 250);
            return;
          }
          stop();
          field.value = found.rawValue;
          status.textContent = form.getAttribute('data-scan-found');
          form.submit();
        })
        .catch(function () { timer = setTimeout(look, 500); });
    }

    button.addEventListener('click', function () {
      if (stream) return stop();
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
        .then(function (s) {
          stream = s;
          video.srcObject = s;
          video.hidden = false;
          button.textContent = form.getAttribute('data-scan-stop');
          status.textContent = form.getAttribute('data-scan-aim');
          return video.play().then(look);
        })
        .catch(function () {
          stop();
          status.textContent = form.getAttribute('data-scan-denied');
        });
    });
  }
})();
