module.exports = require('./run-temp-dir.cjs').setup;
