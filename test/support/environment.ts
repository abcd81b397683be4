/**
 * The environment every test process and the tools it starts inherit: no telemetry, and nothing
 * written outside the test's own directories (cdktf's default plugin cache is ~/.terraform.d).
 */
process.env.CHECKPOINT_DISABLE = '1';
process.env.CDKTF_DISABLE_PLUGIN_CACHE_ENV = '1';
