/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Replays fuzz corpora without libFuzzer, so every normal (and sanitizer)
 * test run exercises them: each argument is a file or a directory of
 * files, each fed once to LLVMFuzzerTestOneInput.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long n;
    if (!f) {
        perror(path);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) {
        fclose(f);
        free(buf);
        fprintf(stderr, "%s: read failed\n", path);
        return 1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, (size_t)n);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    int files = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            return 1;
        }
        if (S_ISDIR(st.st_mode)) {
            struct dirent **list;
            int n = scandir(argv[i], &list, NULL, alphasort);
            for (int k = 0; k < n; k++) {
                char path[4096];
                if (list[k]->d_name[0] != '.') {
                    snprintf(path, sizeof path, "%s/%s", argv[i],
                             list[k]->d_name);
                    failed += run_file(path);
                    files++;
                }
                free(list[k]);
            }
            if (n >= 0)
                free(list);
        } else {
            failed += run_file(argv[i]);
            files++;
        }
    }
    printf("replayed %d inputs: %d passed, %d failed\n", files, files - failed,
           failed);
    return failed ? 1 : 0;
}
