# Output: -o . would replace the folder ssg runs in.
status=2
expect="ssg: error: cannot use '$T/r/.' as the output directory: name a directory"
bad() {
	args="build -C $1 -o $1/."
}
