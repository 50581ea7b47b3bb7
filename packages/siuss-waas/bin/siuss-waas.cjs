#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
'use strict';
require('../dist/cli.cjs').main();
