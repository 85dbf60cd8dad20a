"""jupyter_kernel_test conformance suite for the scalinglab kernel, every sample filled in.

Run by tests/kernel/conformance.test.ts with JUPYTER_PATH pointing at a kernelspec written by
writeKernelSpec:  JUPYTER_PATH=<dir> python -m unittest -v conformance
"""
import inspect
import unittest

import jupyter_kernel_test as jkt

# Debian's jupyter_kernel_test 0.4.5 wraps the blocking client's (synchronous) get_msg in run_sync, which
# jupyter_client 8 / jupyter_core 5 only accept for coroutine functions. Pass plain functions through.
_run_sync = jkt.run_sync
jkt.run_sync = lambda f: _run_sync(f) if inspect.iscoroutinefunction(f) else f


class ScalinglabKernelTests(jkt.KernelTests):
    kernel_name = "scalinglab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("oops")'

    # TypeScript's completion is case-insensitive, hence the SQRT constants.
    completion_samples = [
        {"text": "Math.sq", "matches": {"sqrt", "SQRT1_2", "SQRT2"}},
        # a library export: the prelude put it in scope with its type
        {"text": "checkRep", "matches": {"checkReproduces"}},
    ]

    complete_code_samples = ["1 + 1", "const a = 1;", "if (a) {\n  a;\n}", "const s = `x ${1 + 1} y`"]
    incomplete_code_samples = ["function f() {", "[1, 2,", "const s = `abc ${x", "const t = `abc", "foo(1,", "/* comment"]
    invalid_code_samples = ["x = [1, 2)", "let 5x = 3", "}", "1 +* 2"]

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"a" + "b"', "result": "'ab'"},
        # the Jupyter.display protocol, async renderer
        {
            "code": '({ [Symbol.for("Jupyter.display")]: async () => ({ "text/markdown": "**ok**", "text/plain": "ok" }) })',
            "mime": "text/markdown",
            "result": "**ok**",
        },
    ]

    code_display_data = [
        {"code": 'display({ "text/html": "<b>hi</b>", "text/plain": "hi" }, { raw: true })', "mime": "text/html"},
        {
            "code": 'display({ [Symbol.for("Jupyter.display")]() { return { "text/latex": "$x^2$", "text/plain": "x^2" }; } })',
            "mime": "text/latex",
        },
    ]

    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "checkReproduces"

    code_clear_output = "clearOutput()"

    code_page_something = "checkReproduces?"


if __name__ == "__main__":
    unittest.main()
