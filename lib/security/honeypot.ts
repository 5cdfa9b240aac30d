// Paths no real TradePulse client ever requests: scanners probing for WordPress, PHP admin panels,
// leaked dotfiles and backups. A hit is audited and blocks the address for a day.

export const HONEYPOT_BLOCK_MS = 24 * 60 * 60 * 1000;

const EXACT = new Set([
  "/wp-login.php",
  "/xmlrpc.php",
  "/.env",
  "/.env.local",
  "/.env.production",
  "/.git/config",
  "/.git/head",
  "/.aws/credentials",
  "/.ds_store",
  "/config.php",
  "/wp-config.php",
  "/server-status",
  "/phpinfo.php",
  "/administrator/index.php",
  "/boaform/admin/formlogin",
  "/actuator/env",
]);

// A prefix matches itself and everything below it.
const PREFIXES = ["/wp-admin", "/wp-content", "/wp-includes", "/phpmyadmin", "/pma", "/myadmin", "/.git", "/.svn", "/cgi-bin", "/vendor/phpunit"];

/** Whether `pathname` is a trap. Case-insensitive; repeated and trailing slashes are ignored. */
export function isHoneypotPath(pathname: string): boolean {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    path = pathname;
  }
  path = path.toLowerCase().replace(/\/{2,}/g, "/");
  if (path.length > 1) path = path.replace(/\/+$/, "");
  if (EXACT.has(path)) return true;
  return PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
