"""nbgrader's solution removal, done as the student edition does it.

``nbgrader generate_assignment`` removes the code between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` but knows nothing of the worked solutions in the ``{solution}``
markdown blocks, and its stub, ``raise NotImplementedError()``, stops a starter cell
that defines variables before the self-check can say "Not answered yet".
``ClearSolutionsAsStudentEdition`` takes the place of nbgrader's ``ClearSolutions``
in the teacher's ``nbgrader_config.py`` (see book/teaching.md)::

    c.GenerateAssignment.preprocessors = generate_assignment_preprocessors()

and removes solutions with the student edition's own code (tools/student_edition.py):

* the ``{solution}`` blocks (and ``{solution-start}`` ... ``{solution-end}``) go,
  and so do the markdown cells that held nothing else;
* solution code becomes ``# YOUR CODE HERE`` and ``...``, with ``name = ...`` for
  the names the solution defines, exactly as in the student edition;
* ``### BEGIN HIDDEN TESTS`` blocks stay for nbgrader, which saves them for
  autograding before it removes them from the release.

Everything else, the checks that every solution region sits in a cell marked as a
solution cell included, is nbgrader's ``ClearSolutions``.
"""

from nbgrader.preprocessors import ClearSolutions

from tools.student_edition import remove_solution_blocks, strip_solution_code

__all__ = ["ClearSolutionsAsStudentEdition", "generate_assignment_preprocessors"]


class ClearSolutionsAsStudentEdition(ClearSolutions):
    """nbgrader's ClearSolutions with the student edition's removal of solutions."""

    def preprocess(self, nb, resources):
        nb.cells = remove_solution_blocks(nb.cells, resources.get("unique_key", "notebook"))
        return super().preprocess(nb, resources)

    def _replace_solution_region(self, cell, language):
        if cell.cell_type != "code" or language != "python":
            return super()._replace_solution_region(cell, language)
        cell.source, replaced = strip_solution_code(cell.source, keep_hidden_tests=True)
        return replaced


def generate_assignment_preprocessors():
    """nbgrader's steps of generate_assignment, ClearSolutions replaced by ours."""
    from nbgrader.converters import GenerateAssignment

    steps = GenerateAssignment.class_traits()["preprocessors"].default()
    if ClearSolutions not in steps:
        raise RuntimeError(
            f"this nbgrader's generate_assignment has no ClearSolutions step ({steps}); "
            "install the nbgrader of requirements-graders.txt"
        )
    return [ClearSolutionsAsStudentEdition if step is ClearSolutions else step for step in steps]
