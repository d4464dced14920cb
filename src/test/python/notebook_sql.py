#!/usr/bin/env python3
"""Checks a Jupyter (PySpark) notebook without PySpark, and lists the Spark work it does.

Usage: notebook_sql.py NOTEBOOK.ipynb [--define NAME=VALUE ...]

1. The file must be valid nbformat 4 (nbformat.validate).
2. Every code cell must compile as Python.
3. The Spark work of the notebook is printed on stdout as JSON, in notebook order, for a JVM test to
   run against a local SparkSession with the library ({"steps": [...]}, each step with "where"):

   - {"kind": "conf", "key", "value"}: SparkSession.builder.config(k, v) and spark.conf.set(k, v)
     (value null when it is not a string literal);
   - {"kind": "query", "sql"}: every spark.sql(...) text, and every DataFrame built from SQL strings
     (F.expr, selectExpr, where/filter) translated to one SQL query;
   - {"kind": "write_parquet", "sql", "path", "mode"}: df.write[.mode(m)].parquet(path);
   - {"kind": "temp_view", "sql", "view"}: df.createOrReplaceTempView(view);
   - {"kind": "jvm", "root", "calls", "assign"}: a Py4J call chain: root {"new": class} for
     spark._jvm.<class>(), {"static": class, "method", "args"} for spark._jvm.<class>.<method>(args),
     or {"var": name} for a JVM object the notebook holds; then calls [[method, args], ...]; "assign"
     names the variable that keeps the result (or null). Arguments are literals, spark._jsparkSession
     ({"session": true}), or java_ints(...) / java_doubles(...) ({"ints": [...]} / {"doubles": [...]}),
     the notebook's helpers that make Java arrays for varargs setters;
   - {"kind": "jvm_transform", "var", "sql", "view"}: DataFrame(var.transform(df._jdf), spark), a
     JVM Transformer applied to a DataFrame; the result is followed as the temp view "view".

   A step made inside `try:` has "expect_error": true: the notebook expects Spark to raise there.

   DataFrames are followed through variables: spark.sql / spark.table / spark.read.parquet, then
   select / selectExpr / where / filter / orderBy / limit. Strings are literals, or f-strings and
   + of literals and of names the notebook assigns a string literal (--define overrides a name or
   gives one the notebook computes, such as a temporary directory).

Anything that carries SQL but cannot be followed (an F.expr on a DataFrame of unknown origin, SQL
text built at run time) is an error, so that no SQL string of the notebook goes unchecked. Errors
are printed on stderr, one per line, naming the cell and line; the exit status is then 1.
"""

import ast
import json
import re
import sys

JVM_ARRAYS = {"java_ints": "ints", "java_doubles": "doubles"}
DF_METHODS = {"select", "selectExpr", "where", "filter", "orderBy", "sort", "limit"}
IDENTIFIER = re.compile(r"^(\*|[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)$")


class NotFollowed(Exception):
    """SQL in the notebook that this checker cannot turn into a runnable step."""


def quote_identifier(name):
    return name if IDENTIFIER.match(name) else "`" + name.replace("`", "``") + "`"


def attribute_path(node):
    """'spark.read.parquet' for the attribute chain spark.read.parquet, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


class Checker:
    def __init__(self, defines):
        self.defines = dict(defines)
        self.strings = dict(defines)  # names bound to known strings
        self.dataframes = {}  # name -> SQL text of the DataFrame
        self.jvm_objects = set()  # names bound to JVM objects (Py4J)
        self.functions_aliases = set()  # names bound to pyspark.sql.functions
        self.steps = []
        self.errors = []
        self.sql_strings = set()  # id() of the spark.sql / F.expr / selectExpr ... nodes seen
        self.expr_strings = set()
        self.where = ""
        self.cell_index = 0
        self.consumed = set()  # id() of F.expr calls already part of a step
        self.expect_error = False  # inside `try:`, where the notebook expects Spark to raise

    # -- strings ----------------------------------------------------------------------------------

    def string(self, node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name) and node.id in self.strings:
            return self.strings[node.id]
        if isinstance(node, ast.JoinedStr):
            out = []
            for part in node.values:
                if isinstance(part, ast.Constant):
                    out.append(part.value)
                elif (
                    isinstance(part, ast.FormattedValue)
                    and part.conversion == -1
                    and part.format_spec is None
                    and isinstance(part.value, ast.Name)
                    and part.value.id in self.strings
                ):
                    out.append(self.strings[part.value.id])
                else:
                    raise NotFollowed(
                        "f-string part {%s} is not a name bound to a string literal"
                        % ast.unparse(part.value if isinstance(part, ast.FormattedValue) else part)
                    )
            return "".join(out)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.string(node.left) + self.string(node.right)
        raise NotFollowed("%s is not a string the checker can read" % ast.unparse(node))

    # -- DataFrames -------------------------------------------------------------------------------

    def is_functions_call(self, node, name):
        return (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == name
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in self.functions_aliases
        )

    def column(self, node):
        """A select() argument as SQL: column names, F.col, F.expr, and .alias of those."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("alias", "name") and len(node.args) == 1:
                return "%s AS %s" % (self.column(node.func.value), quote_identifier(self.string(node.args[0])))
            if self.is_functions_call(node, "expr"):
                self.consumed.add(id(node))
                self.expr_strings.add(id(node))
                return self.string(node.args[0])
            if self.is_functions_call(node, "col") or self.is_functions_call(node, "column"):
                return quote_identifier(self.string(node.args[0]))
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return quote_identifier(node.value)
        raise NotFollowed("select argument %s is not a column name, F.col, or F.expr" % ast.unparse(node))

    def condition(self, node):
        if self.is_functions_call(node, "expr"):
            self.consumed.add(id(node))
        self.expr_strings.add(id(node))
        return self.string(node.args[0] if id(node) in self.consumed else node)

    def dataframe(self, node):
        """SQL text of the DataFrame `node` evaluates to, or None when it is not one (that we know)."""
        if isinstance(node, ast.Name):
            return self.dataframes.get(node.id)
        transformed = self.transformed(node)
        if transformed is not None:
            view = "_transformed_%d" % (len(self.steps) + 1)
            self.step("jvm_transform", var=transformed[0], sql=transformed[1], view=view)
            return "SELECT * FROM " + view
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            return None
        path = attribute_path(node.func)
        if path == "spark.sql":
            self.sql_strings.add(id(node))
            return self.string(node.args[0])
        if path == "spark.table":
            return "SELECT * FROM " + self.string(node.args[0])
        if path == "spark.read.parquet":
            return "SELECT * FROM parquet.`%s`" % self.string(node.args[0])
        method = node.func.attr
        if method not in DF_METHODS:
            return None
        source = self.dataframe(node.func.value)
        if source is None:
            carries_sql = method in ("selectExpr", "where", "filter") or any(
                self.is_functions_call(n, "expr") for a in node.args for n in ast.walk(a)
            )
            if carries_sql:
                raise NotFollowed(
                    "%s(...) is applied to %s, which is not a DataFrame the checker can follow "
                    "(spark.sql / spark.table / spark.read.parquet and select/where/... of those)"
                    % (method, ast.unparse(node.func.value))
                )
            return None
        sub = "(\n%s\n) AS _src" % source  # own lines: the text may end in a -- comment
        if method == "select":
            return "SELECT %s FROM %s" % (", ".join(self.column(a) for a in node.args), sub)
        if method == "selectExpr":
            exprs = [self.string(a) for a in node.args]
            self.expr_strings.update(id(a) for a in node.args)
            return "SELECT %s FROM %s" % (", ".join(exprs), sub)
        if method in ("where", "filter"):
            return "SELECT * FROM %s WHERE %s" % (sub, self.condition(node.args[0]))
        if method in ("orderBy", "sort"):
            return "SELECT * FROM %s ORDER BY %s" % (sub, ", ".join(self.column(a) for a in node.args))
        return "SELECT * FROM %s LIMIT %d" % (sub, node.args[0].value)

    # -- statements -------------------------------------------------------------------------------

    def step(self, kind, **fields):
        fields.update(kind=kind, where=self.where)
        if self.expect_error:
            fields["expect_error"] = True
        self.steps.append(fields)

    def writer(self, node):
        """(DataFrame node, mode) for df.write[.mode(m)][.option(..)].parquet(path), else None."""
        mode = "errorifexists"
        n = node.func.value
        while isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("mode", "option"):
            if n.func.attr == "mode":
                mode = self.string(n.args[0])
            n = n.func.value
        if isinstance(n, ast.Attribute) and n.attr == "write":
            return n.value, mode
        return None

    def jvm_argument(self, node):
        if attribute_path(node) == "spark._jsparkSession":
            return {"session": True}
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, bool)):
            return node.value
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in JVM_ARRAYS:
            values = []
            for a in node.args:
                if not (isinstance(a, ast.Constant) and isinstance(a.value, (int, float))):
                    raise NotFollowed("%s takes number literals here: %s" % (node.func.id, ast.unparse(node)))
                values.append(a.value)
            return {JVM_ARRAYS[node.func.id]: values}
        return self.string(node)

    def jvm_chain(self, node):
        """(root, calls) of a Py4J call chain (see the module doc), or None when `node` is not one."""
        links = []  # the calls after the root, outermost first
        while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            path = attribute_path(node.func)
            if path is not None and path.startswith("spark._jvm."):
                break
            links.append(node)
            node = node.func.value
        if isinstance(node, ast.Call) and (attribute_path(node.func) or "").startswith("spark._jvm."):
            names = attribute_path(node.func).split(".")[2:]
            args = [self.jvm_argument(a) for a in node.args]
            if names[-1][:1].isupper():  # a class: its constructor
                if args:
                    raise NotFollowed("constructor arguments are not followed: %s" % ast.unparse(node))
                root = {"new": ".".join(names)}
            else:
                root = {"static": ".".join(names[:-1]), "method": names[-1], "args": args}
        elif isinstance(node, ast.Name) and node.id in self.jvm_objects and links:
            root = {"var": node.id}
        else:
            return None
        calls = [[c.func.attr, [self.jvm_argument(a) for a in c.args]] for c in reversed(links)]
        return root, calls

    def transformed(self, node):
        """DataFrame(obj.transform(df._jdf), spark): (obj, SQL of df), else None."""
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "DataFrame"
            and len(node.args) == 2
        ):
            return None
        inner = node.args[0]
        if not (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and inner.func.attr == "transform"
            and isinstance(inner.func.value, ast.Name)
            and inner.func.value.id in self.jvm_objects
            and len(inner.args) == 1
            and isinstance(inner.args[0], ast.Attribute)
            and inner.args[0].attr == "_jdf"
        ):
            raise NotFollowed("DataFrame(...) of something other than jvm_object.transform(df._jdf)")
        source = self.dataframe(inner.args[0].value)
        if source is None:
            raise NotFollowed("%s is not a DataFrame the checker can follow" % ast.unparse(inner.args[0].value))
        return inner.func.value.id, source

    def visit(self, node):
        if isinstance(node, (ast.FunctionDef, ast.Lambda)):
            # helpers run later with arguments we cannot know; they must not carry SQL
            for n in ast.walk(node):
                if isinstance(n, ast.Call) and (
                    attribute_path(n.func) == "spark.sql" or self.is_functions_call(n, "expr")
                ):
                    raise NotFollowed("SQL inside a function definition: %s" % ast.unparse(n))
            return
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            path = attribute_path(node.func)
            if method == "parquet" and self.writer(node) is not None:
                frame, mode = self.writer(node)
                sql = self.dataframe(frame)
                if sql is not None:
                    self.step("write_parquet", sql=sql, path=self.string(node.args[0]), mode=mode)
                    return
            elif method in ("createOrReplaceTempView", "createTempView"):
                sql = self.dataframe(node.func.value)
                if sql is not None:
                    self.step("temp_view", sql=sql, view=self.string(node.args[0]))
                    return
            elif self.jvm_chain(node) is not None:
                root, calls = self.jvm_chain(node)
                self.step("jvm", root=root, calls=calls, assign=None)
                return
            elif path == "spark.conf.set" or (method == "config" and "SparkSession.builder" in ast.unparse(node)):
                if len(node.args) == 2:
                    try:
                        value = self.string(node.args[1])
                    except NotFollowed:
                        value = None
                    self.step("conf", key=self.string(node.args[0]), value=value)
            else:
                sql = self.dataframe(node)
                if sql is not None:
                    self.step("query", sql=sql)
                    return
        if self.is_functions_call(node, "expr") and id(node) not in self.consumed:
            raise NotFollowed("F.expr outside a select/where the checker can follow: %s" % ast.unparse(node))
        for child in ast.iter_child_nodes(node):
            self.visit(child)

    def statement(self, stmt):
        if isinstance(stmt, ast.Try):
            self.expect_error = True
            for s in stmt.body:
                self.where = "cell %d, line %d" % (self.cell_index, s.lineno)
                self.statement(s)
            self.expect_error = False
            for part in stmt.handlers + stmt.orelse + stmt.finalbody:
                self.visit(part)
            return
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "pyspark.sql":
            for alias in stmt.names:
                if alias.name == "functions":
                    self.functions_aliases.add(alias.asname or alias.name)
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name == "pyspark.sql.functions" and alias.asname:
                    self.functions_aliases.add(alias.asname)
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            name = stmt.targets[0].id
            self.dataframes.pop(name, None)
            if name not in self.defines:
                self.strings.pop(name, None)
                try:
                    self.strings[name] = self.string(stmt.value)
                    return
                except NotFollowed:
                    pass
            self.jvm_objects.discard(name)
            chain = self.jvm_chain(stmt.value)
            if chain is not None:
                self.step("jvm", root=chain[0], calls=chain[1], assign=name)
                self.jvm_objects.add(name)
                return
            sql = self.dataframe(stmt.value)
            if sql is not None:
                self.dataframes[name] = sql
                if not isinstance(stmt.value, ast.Name):
                    self.step("query", sql=sql)
                return
        self.visit(stmt)

    def cell(self, index, source):
        try:
            tree = ast.parse(source, filename="<cell %d>" % index)
            compile(tree, "<cell %d>" % index, "exec")
        except SyntaxError as e:
            self.errors.append("cell %d, line %s: does not compile as Python: %s" % (index, e.lineno, e.msg))
            return
        self.cell_index = index
        for stmt in tree.body:
            self.where = "cell %d, line %d" % (index, stmt.lineno)
            try:
                self.statement(stmt)
            except NotFollowed as e:
                self.errors.append("%s: %s" % (self.where, e))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import nbformat
    except ImportError:
        print("nbformat is missing: sudo apt-get install -y python3-nbformat (Debian/Ubuntu)", file=sys.stderr)
        return 2
    defines = {}
    args = argv[2:]
    while args:
        if args[0] != "--define" or len(args) < 2 or "=" not in args[1]:
            print("usage: notebook_sql.py NOTEBOOK [--define NAME=VALUE ...]", file=sys.stderr)
            return 2
        name, value = args[1].split("=", 1)
        defines[name] = value
        args = args[2:]

    try:
        nb = nbformat.read(argv[1], as_version=nbformat.NO_CONVERT)
        if nb.nbformat != 4:
            raise nbformat.ValidationError("nbformat %d" % nb.nbformat)
        nbformat.validate(nb)
    except (nbformat.ValidationError, ValueError) as e:  # ValueError: not JSON
        print("%s: not valid nbformat 4: %s" % (argv[1], getattr(e, "message", e)), file=sys.stderr)
        return 1

    checker = Checker(defines)
    code_cells = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            code_cells += 1
            checker.cell(index + 1, cell.source)  # cells numbered from 1, as a reader counts them
    for error in checker.errors:
        print(error, file=sys.stderr)
    json.dump(
        {
            "cells": len(nb.cells),
            "code_cells": code_cells,
            "sql_strings": len(checker.sql_strings),
            "expr_strings": len(checker.expr_strings),
            "steps": checker.steps,
        },
        sys.stdout,
        indent=1,
    )
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
