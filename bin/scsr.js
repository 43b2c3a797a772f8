#!/usr/bin/env node
require('../dist/boot.cjs');
