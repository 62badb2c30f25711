"""nbgrader configuration of the course: solutions/ is the instructor's source, exercises/ the student versions."""

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# The venv's kernel; nbgrader otherwise looks for the kernel named in each notebook.
c.ExecutePreprocessor.kernel_name = "python3"
