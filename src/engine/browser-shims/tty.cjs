// Node's `tty` for colorette (knex's logger): no terminal, so no colours.
'use strict';

module.exports = { isatty: () => false };
