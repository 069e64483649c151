// The slice of Node's `os` MikroORM 5 and knex ask at run time: which platform (not Windows,
// so paths stay POSIX), and where home and temporary folders would be.
'use strict';

module.exports = { platform: () => 'browser', EOL: '\n', tmpdir: () => '/tmp', homedir: () => '/' };
