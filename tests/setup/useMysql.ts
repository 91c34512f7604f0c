process.env.SCRM_TEST_DB = "mysql";
