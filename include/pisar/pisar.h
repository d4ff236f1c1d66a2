/*
 * pisar/pisar.h -- the umbrella header of libpisar.
 *
 * Stages (each usable alone, each with its own header):
 *   encoding.h   the encodings pisar knows, their names
 *   detect.h     encoding and language detection (streaming)
 *   decode.h     bytes in any known encoding -> UTF-8
 *   normalize.h  NFC, mojibake and homoglyph repair
 *   translit.h   romanization under named standards
 *   names.h      name keys, gazetteer, canonical spellings
 *   segment.h    sentence segmentation
 *   emit.h       XLIFF/TMX/PO/TSV/JSONL/text writers
 *   align.h      bilingual sentence alignment
 *   prep.h       the whole pipeline on one document in memory
 */
#ifndef PISAR_PISAR_H
#define PISAR_PISAR_H

#include "common.h"
#include "encoding.h"
#include "detect.h"
#include "decode.h"
#include "normalize.h"
#include "translit.h"
#include "names.h"
#include "segment.h"
#include "emit.h"
#include "align.h"
#include "prep.h"

#endif
