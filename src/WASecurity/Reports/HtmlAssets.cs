namespace WASecurity.Reports
{
    /// <summary>The HTML report's inline style sheet and script (the page loads nothing from the network).</summary>
    internal static class HtmlAssets
    {
        public const string Style = @"
:root { --fg:#1d2433; --muted:#5b6475; --line:#d9dee7; --bg:#f6f8fb; --card:#fff;
  --critical:#7a0916; --high:#c4221f; --medium:#d97706; --low:#2563eb; --info:#6b7280;
  --pass:#15803d; --fail:#c4221f; --error:#7c3aed; --manual:#0e7490; --na:#6b7280; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: var(--fg); background: var(--bg); }
header, section { margin: 0; padding: 16px 24px; }
h1 { font-size: 22px; margin: 8px 0; } h2 { font-size: 17px; margin: 8px 0 12px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; color: var(--muted); }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-left: 6px solid var(--info); border-radius: 6px; padding: 10px 16px; min-width: 130px; cursor: pointer; font: inherit; text-align: left; color: inherit; }
.card:hover, .card[aria-pressed=true] { box-shadow: 0 0 0 2px var(--low); }
svg#score-chart g.score { cursor: pointer; } svg#score-chart g.score:hover .track, svg#score-chart g.score.active .track { fill: #dbe4f3; }
.card .n { display: block; font-size: 26px; font-weight: 700; }
.card.sev-Critical { border-left-color: var(--critical); } .card.sev-High { border-left-color: var(--high); }
.card.sev-Medium { border-left-color: var(--medium); } .card.sev-Low { border-left-color: var(--low); }
.statuses { margin-top: 10px; color: var(--muted); }
svg#score-chart { background: var(--card); border: 1px solid var(--line); border-radius: 6px; max-width: 100%; height: auto; }
svg#score-chart text { font: 13px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; fill: var(--fg); }
svg#score-chart .track { fill: #eef1f6; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 10px; }
.filters input[type=search] { min-width: 260px; padding: 5px 8px; border: 1px solid var(--line); border-radius: 4px; }
.filters select { padding: 4px; border: 1px solid var(--line); border-radius: 4px; max-width: 420px; }
#shown-count { color: var(--muted); margin-left: auto; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: #eef1f6; position: sticky; top: 0; cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort=ascending]::after { content: ' \25B2'; } th[aria-sort=descending]::after { content: ' \25BC'; }
td code { font-size: 12px; } .sub { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; }
.badge.sev-Critical { background: var(--critical); } .badge.sev-High { background: var(--high); }
.badge.sev-Medium { background: var(--medium); } .badge.sev-Low { background: var(--low); } .badge.sev-Informational { background: var(--info); }
.badge.st-Pass { background: var(--pass); } .badge.st-Fail { background: var(--fail); } .badge.st-Error { background: var(--error); }
.badge.st-Manual { background: var(--manual); } .badge.st-NotApplicable { background: var(--na); } .badge.suppressed { background: #475569; }
details summary { cursor: pointer; color: var(--low); margin-top: 4px; }
details dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; }
details dt { font-weight: 600; } details dd { margin: 0; word-break: break-all; }
.remediation { white-space: pre-wrap; }
tr[hidden] { display: none; }
.matrix-wrap { overflow-x: auto; max-height: 70vh; overflow-y: auto; }
#account-matrix th, #account-matrix td { cursor: default; } #account-matrix th { white-space: nowrap; }
#account-matrix td { min-width: 7.5em; } #account-matrix .badge { white-space: nowrap; margin: 1px 0; }
#account-matrix tbody th { background: var(--card); position: sticky; top: auto; left: 0; font-weight: 600; }
#account-matrix td.cell.good { background: #e7f6ec; } #account-matrix td.cell.fair { background: #fdf3e2; }
#account-matrix td.cell.poor { background: #fbe9e9; } #account-matrix td.cell.na, #account-matrix td.none { color: var(--muted); }
#account-matrix a { color: inherit; font-weight: 600; } #account-matrix .active { box-shadow: inset 0 0 0 2px var(--low); }
@media print { .filters { display: none; } details { display: block; } th { position: static; } }
";

        public const string Script = @"
(function () {
  'use strict';
  var table = document.getElementById('findings-table');
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById('filter-text');
  var status = document.getElementById('filter-status');
  var severity = document.getElementById('filter-severity');
  var question = document.getElementById('filter-question');
  var suppressed = document.getElementById('filter-suppressed');
  var account = document.getElementById('filter-account');
  var links = Array.prototype.slice.call(document.querySelectorAll('#account-matrix a[data-account]'));
  var count = document.getElementById('shown-count');
  var cards = Array.prototype.slice.call(document.querySelectorAll('#severity-counts .card'));
  var bars = Array.prototype.slice.call(document.querySelectorAll('#score-chart g.score'));

  function apply() {
    var needle = text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var state = row.getAttribute('data-status');
      var ok = (!status.value || (status.value === 'open' ? state === 'Fail' && row.getAttribute('data-suppressed') !== 'true' : state === status.value))
        && (!severity.value || row.getAttribute('data-severity') === severity.value)
        && (!question.value || row.getAttribute('data-question') === question.value)
        && (!account || !account.value || row.getAttribute('data-account') === account.value)
        && (suppressed.checked || row.getAttribute('data-suppressed') !== 'true')
        && (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0);
      row.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = shown + ' of ' + rows.length + ' findings shown';
    cards.forEach(function (card) { card.setAttribute('aria-pressed', String(status.value === 'open' && severity.value === card.getAttribute('data-severity'))); });
    bars.forEach(function (bar) { bar.classList.toggle('active', question.value === bar.getAttribute('data-question')); });
    links.forEach(function (link) {
      var on = !!account && account.value === link.getAttribute('data-account') && question.value === link.getAttribute('data-question');
      link.parentNode.classList.toggle('active', on);
    });
  }

  // A severity card shows that severity's open failures; a score bar shows that question's; a second click shows all again.
  cards.forEach(function (card) {
    card.addEventListener('click', function () {
      var same = status.value === 'open' && severity.value === card.getAttribute('data-severity');
      status.value = 'open';
      severity.value = same ? '' : card.getAttribute('data-severity');
      apply();
    });
  });
  bars.forEach(function (bar) {
    bar.addEventListener('click', function () {
      question.value = question.value === bar.getAttribute('data-question') ? '' : bar.getAttribute('data-question');
      apply();
    });
  });

  // A cell of the accounts x questions view shows every finding of that account and question (an account's
  // name, every finding of the account); the link's own #findings target then scrolls to the list.
  links.forEach(function (link) {
    link.addEventListener('click', function () {
      account.value = link.getAttribute('data-account');
      question.value = link.getAttribute('data-question');
      status.value = '';
      severity.value = '';
      apply();
    });
  });

  function key(row, index) {
    var cell = row.cells[index];
    var value = cell.getAttribute('data-sort');
    return value !== null ? value : cell.textContent.trim().toLowerCase();
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    th.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = key(a, index), y = key(b, index);
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : (x < y ? -1 : x > y ? 1 : 0);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });

  [text, status, severity, question, suppressed, account].forEach(function (control) {
    if (!control) { return; }
    control.addEventListener('input', apply);
    control.addEventListener('change', apply);
  });
  apply();
})();
";
    }
}
