/* explorer: send a callback request again when it got no answer.
 *
 * A worker can be restarted in the middle of a request (an out-of-memory kill, gunicorn's
 * --max-requests, a deploy); the page's request then fails with a network error, or a proxy
 * answers 502/503/504, and Dash would leave the view half drawn. Every callback of the page is
 * a pure function of the page's state (the URL) and the data, so sending it again is safe.
 */
(function () {
  "use strict";
  var RETRIES = 3;
  var RETRY_STATUS = [502, 503, 504];
  var send = window.fetch.bind(window);

  function isCallback(input) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    return url.indexOf("/_dash-update-component") !== -1;
  }

  function pause(attempt) {
    return new Promise(function (resolve) { setTimeout(resolve, 200 * Math.pow(2, attempt)); });
  }

  window.fetch = function (input, init) {
    if (!isCallback(input)) {
      return send(input, init);
    }
    function attempt(number) {
      return send(input, init).then(function (response) {
        if (number < RETRIES && RETRY_STATUS.indexOf(response.status) !== -1) {
          return pause(number).then(function () { return attempt(number + 1); });
        }
        return response;
      }, function (error) {
        var aborted = init && init.signal && init.signal.aborted;
        if (number >= RETRIES || aborted) {
          throw error;
        }
        return pause(number).then(function () { return attempt(number + 1); });
      });
    }
    return attempt(0);
  };
})();
