import { Menu, type MenuItemConstructorOptions } from 'electron';

/** The application menu; its Trading > Kill switch item carries the shortcut inside the window too. */
export function appMenu(engageKill: () => void): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Trading',
      submenu: [{ label: 'Kill switch', accelerator: 'CommandOrControl+Shift+K', click: engageKill }],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
