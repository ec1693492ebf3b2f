// 审计追溯 in Cockpit's top bar for those who may read audit trails (auditors, supervisors, project managers,
// quality): Guanjia's page /audit shares Cockpit's session and answers 403 to everyone else, who see no link.
const english = (navigator.language || '').toLowerCase().startsWith('en');

export default [{
  id: 'guanjia.audit',
  pluginPoint: 'cockpit.navigation',
  priority: 5,
  properties: {path: '/guanjia-audit'},
  render: (node) => {
    fetch('/audit', {credentials: 'same-origin', redirect: 'manual'}).then((answer) => {
      if (answer.status !== 200) {
        return;
      }
      const a = document.createElement('a');
      a.id = 'guanjiaAudit';
      a.href = '/audit';
      a.textContent = english ? 'Audit trail' : '审计追溯';
      node.appendChild(a);
    });
  }
}];
