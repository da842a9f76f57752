#!/bin/sh
echo sbom-app
