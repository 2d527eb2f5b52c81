/**
 * Call-back alarms on the desktop. The same Notification API in both shells: Electron shows it
 * as the operating system's native notification (its main process grants the permission), the
 * host's browser as its own once the analyst allows it.
 */
export function notificationsAvailable(): boolean {
  return typeof Notification !== 'undefined';
}

export function notificationsAllowed(): boolean {
  return notificationsAvailable() && Notification.permission === 'granted';
}

/** Asks once, from a click (browsers ignore requests nobody asked for). */
export async function allowNotifications(): Promise<boolean> {
  if (!notificationsAvailable()) return false;
  return (await Notification.requestPermission()) === 'granted';
}

/** Shows one notification; clicking it brings the window forward and runs `onClick`. */
export function notify(title: string, body: string, onClick: () => void): void {
  if (!notificationsAllowed()) return;
  // One tag: a newer alarm replaces an older one instead of piling up.
  const n = new Notification(title, { body, tag: 'switchboard-callbacks' });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}
