// The course's week list, as the course platform around the kit would draw it: one list for every demo page,
// which marks its own week with <nav data-week="N">. Weeks without a page in the demo are named, not linked.
const WEEKS = [
  ['Knowing yourself', ''],
  ['Goal setting', 'index.html'],
  ['Feedback', 'feedback.html'],
  ['Difficult conversations', 'week-4.html'],
  ['Coaching others', ''],
  ['Leading change', 'week-6.html'],
];

for (const nav of document.querySelectorAll('nav[data-week]')) {
  const current = Number(nav.dataset.week);
  const list = document.createElement('ol');
  list.className = 'weeks';
  WEEKS.forEach(([title, page], index) => {
    const item = document.createElement('li');
    const label = `Week ${index + 1} · ${title}`;
    const link = document.createElement(page ? 'a' : 'span');
    link.textContent = label;
    if (page) link.href = `./${page}`;
    if (index + 1 === current) link.setAttribute('aria-current', 'page');
    item.append(link);
    list.append(item);
  });
  nav.setAttribute('aria-label', 'Course weeks');
  nav.replaceChildren(list);
}
