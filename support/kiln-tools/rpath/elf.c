// SPDX-License-Identifier: GPL-2.0-or-later
/* ELF reading: header, program headers, PT_DYNAMIC, DT_NEEDED, DT_RPATH,
 * DT_RUNPATH through DT_STRTAB. 32/64-bit, either endianness. Every
 * offset is bounds-checked: the input may be anything. */
#include "rpath.h"

#include <elf.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Offset of a field of the class's header struct (ElfN_Ehdr, ...). */
#define OFF(r, type, field) ((r)->is64 ? offsetof(Elf64_##type, field) : offsetof(Elf32_##type, field))

struct rd {
	const unsigned char *p;
	size_t len;
	int be, is64;
};

static uint64_t get(const struct rd *r, size_t off, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned k = r->be ? i : n - 1 - i;
		v = (v << 8) | r->p[off + k];
	}
	return v;
}

/* Word of the class: 4 or 8 bytes. */
static uint64_t word(const struct rd *r, size_t off)
{
	return get(r, off, r->is64 ? 8 : 4);
}

static int fits(size_t len, uint64_t off, uint64_t n)
{
	return off <= len && n <= len - off;
}

int rp_is_elf(const unsigned char *buf, size_t len)
{
	return len >= SELFMAG && memcmp(buf, ELFMAG, SELFMAG) == 0;
}

static int fail(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return -1;
}

struct seg {
	uint64_t off, vaddr, filesz;
};

/* Maps a virtual address to a file offset through the PT_LOAD segments. */
static int vaddr_to_off(const struct seg *load, size_t nload, uint64_t a, uint64_t *off)
{
	for (size_t i = 0; i < nload; i++)
		if (a >= load[i].vaddr && a - load[i].vaddr < load[i].filesz) {
			*off = load[i].off + (a - load[i].vaddr);
			return 0;
		}
	return -1;
}

static int parse_dynamic(const struct rd *r, const struct seg *dyn, const struct seg *load,
			 size_t nload, struct rp_elf *e, char *err, size_t errlen)
{
	size_t esz = r->is64 ? sizeof(Elf64_Dyn) : sizeof(Elf32_Dyn);
	if (!fits(r->len, dyn->off, dyn->filesz))
		return fail(err, errlen, "the dynamic segment extends past the end of the file");
	size_t n = (size_t)(dyn->filesz / esz);
	uint64_t strtab = 0, strsz = 0, rpath = 0, runpath = 0;
	int has_strtab = 0, has_strsz = 0, has_rpath = 0, has_runpath = 0;
	size_t nneeded = 0;
	for (size_t i = 0; i < n; i++) {
		size_t at = (size_t)dyn->off + i * esz;
		uint64_t tag = word(r, at);
		if (tag == DT_NULL)
			break;
		uint64_t val = word(r, at + OFF(r, Dyn, d_un));
		if (tag == DT_NEEDED)
			nneeded++;
		else if (tag == DT_STRTAB && !has_strtab)
			strtab = val, has_strtab = 1;
		else if (tag == DT_STRSZ && !has_strsz)
			strsz = val, has_strsz = 1;
		else if (tag == DT_RPATH && !has_rpath)
			rpath = val, has_rpath = 1;
		else if (tag == DT_RUNPATH && !has_runpath)
			runpath = val, has_runpath = 1;
	}
	if (!nneeded && !has_rpath && !has_runpath)
		return 0;
	if (!has_strtab)
		return fail(err, errlen, "dynamic section without DT_STRTAB");
	uint64_t stroff;
	if (vaddr_to_off(load, nload, strtab, &stroff) < 0)
		return fail(err, errlen, "DT_STRTAB is outside every loaded segment");
	if (stroff > r->len)
		return fail(err, errlen, "DT_STRTAB is past the end of the file");
	if (!has_strsz || strsz > r->len - stroff)
		strsz = r->len - stroff; /* bounded by the file */
	const char *tab = (const char *)r->p + stroff;
	/* a string: offset inside the table and NUL-terminated inside it */
#define STR(off, out)                                                                    \
	do {                                                                             \
		if ((off) >= strsz || !memchr(tab + (off), 0, (size_t)(strsz - (off)))) { \
			rp_elf_free(e);                                                  \
			return fail(err, errlen, "a dynamic string is outside DT_STRTAB"); \
		}                                                                        \
		(out) = tab + (off);                                                     \
	} while (0)
	if (has_rpath)
		STR(rpath, e->rpath);
	if (has_runpath)
		STR(runpath, e->runpath);
	e->needed = kiln_xmalloc((nneeded ? nneeded : 1) * sizeof *e->needed);
	for (size_t i = 0; i < n && e->nneeded < nneeded; i++) {
		size_t at = (size_t)dyn->off + i * esz;
		uint64_t tag = word(r, at);
		if (tag == DT_NULL)
			break;
		if (tag == DT_NEEDED) {
			uint64_t val = word(r, at + OFF(r, Dyn, d_un));
			STR(val, e->needed[e->nneeded]);
			e->nneeded++;
		}
	}
#undef STR
	return 0;
}

int rp_elf_parse(const unsigned char *buf, size_t len, struct rp_elf *e, char *err,
		 size_t errlen)
{
	memset(e, 0, sizeof *e);
	if (!rp_is_elf(buf, len))
		return 1;
	if (len < EI_NIDENT)
		return fail(err, errlen, "truncated ELF identification");
	if (buf[EI_CLASS] != ELFCLASS32 && buf[EI_CLASS] != ELFCLASS64)
		return fail(err, errlen, "unknown ELF class");
	if (buf[EI_DATA] != ELFDATA2LSB && buf[EI_DATA] != ELFDATA2MSB)
		return fail(err, errlen, "unknown ELF data encoding");
	struct rd r = {buf, len, buf[EI_DATA] == ELFDATA2MSB, buf[EI_CLASS] == ELFCLASS64};
	size_t ehsize = r.is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	if (len < ehsize)
		return fail(err, errlen, "truncated ELF header");
	e->cls = r.is64 ? 64 : 32;
	e->be = r.be;
	e->type = (unsigned)get(&r, offsetof(Elf64_Ehdr, e_type), 2);
	e->machine = (unsigned)get(&r, offsetof(Elf64_Ehdr, e_machine), 2);
	uint64_t phoff = word(&r, OFF(&r, Ehdr, e_phoff));
	unsigned phentsize = (unsigned)get(&r, OFF(&r, Ehdr, e_phentsize), 2);
	unsigned phnum = (unsigned)get(&r, OFF(&r, Ehdr, e_phnum), 2);
	if (phnum == 0)
		return 0;
	if (phnum == PN_XNUM)
		return fail(err, errlen, "extended program header count (PN_XNUM) is not supported");
	if (phentsize < (r.is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)))
		return fail(err, errlen, "program header entries are too small");
	if (!fits(len, phoff, (uint64_t)phentsize * phnum))
		return fail(err, errlen, "program headers extend past the end of the file");
	struct seg *load = kiln_xmalloc(phnum * sizeof *load);
	size_t nload = 0;
	struct seg dyn = {0};
	for (unsigned i = 0; i < phnum; i++) {
		size_t at = (size_t)phoff + (size_t)i * phentsize;
		uint32_t type = (uint32_t)get(&r, at + OFF(&r, Phdr, p_type), 4);
		struct seg s = {
			.off = word(&r, at + OFF(&r, Phdr, p_offset)),
			.vaddr = word(&r, at + OFF(&r, Phdr, p_vaddr)),
			.filesz = word(&r, at + OFF(&r, Phdr, p_filesz)),
		};
		if (type == PT_LOAD)
			load[nload++] = s;
		else if (type == PT_DYNAMIC && !e->dynamic) {
			dyn = s;
			e->dynamic = 1;
		}
	}
	int rc = 0;
	if (e->dynamic)
		rc = parse_dynamic(&r, &dyn, load, nload, e, err, errlen);
	free(load);
	return rc;
}

void rp_elf_free(struct rp_elf *e)
{
	free(e->needed);
	e->needed = NULL;
	e->nneeded = 0;
}

const char *rp_machine_name(unsigned machine, char *buf, size_t n)
{
	switch (machine) {
	case EM_386: return "Intel 80386";
	case EM_MIPS: return "MIPS";
	case EM_PPC: return "PowerPC";
	case EM_PPC64: return "PowerPC64";
	case EM_ARM: return "ARM";
	case EM_X86_64: return "x86-64";
	case EM_AARCH64: return "AArch64";
	case EM_RISCV: return "RISC-V";
	case EM_LOONGARCH: return "LoongArch";
	}
	snprintf(buf, n, "machine %u", machine);
	return buf;
}
