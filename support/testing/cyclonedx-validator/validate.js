// SPDX-License-Identifier: GPL-2.0-or-later
// node validate.js FILE: validates a CycloneDX 1.6 JSON file with the
// official CycloneDX library's JsonStrictValidator (its bundled schema,
// ajv with format checks). Exit 0 when valid, 1 with the errors as
// JSON, 2 when the validator cannot run.
'use strict';
const fs = require('fs');
const CDX = require('@cyclonedx/cyclonedx-library');

const validator = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6);
validator.validate(fs.readFileSync(process.argv[2], 'utf8')).then((errors) => {
  if (errors === null) {
    process.exit(0);
  }
  console.log(JSON.stringify(errors).slice(0, 2000));
  process.exit(1);
}, (e) => {
  console.log('validate.js: ' + String(e));
  process.exit(2);
});
