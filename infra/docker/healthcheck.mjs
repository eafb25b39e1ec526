// Container healthcheck: exits 0 when the URL answers 2xx within 3 s. Node's fetch stands in for
// curl, which the slim images do not have.
const url = process.argv[2];
const timer = setTimeout(() => process.exit(1), 3_000);
fetch(url)
  .then((response) => process.exit(response.ok ? 0 : 1))
  .catch(() => process.exit(1))
  .finally(() => clearTimeout(timer));
